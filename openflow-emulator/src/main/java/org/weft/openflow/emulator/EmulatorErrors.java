package org.weft.openflow.emulator;

import org.projectfloodlight.openflow.protocol.OFBadActionCode;
import org.projectfloodlight.openflow.protocol.OFBadInstructionCode;
import org.projectfloodlight.openflow.protocol.OFBadMatchCode;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowModFailedCode;
import org.projectfloodlight.openflow.protocol.OFGroupModFailedCode;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFErrorCauseData;

/** The OpenFlow errors an emulated switch answers refused messages with. */
final class EmulatorErrors {

    private EmulatorErrors() {}

    static OFErrorMsg flowModFailed(OFFactory f, long xid, OFFlowModFailedCode code) {
        return f.errorMsgs()
                .buildFlowModFailedErrorMsg()
                .setXid(xid)
                .setCode(code)
                .setData(noData(f))
                .build();
    }

    /** BAD_REQUEST/BUFFER_UNKNOWN: a message named a buffer the switch does not hold. */
    static OFErrorMsg bufferUnknown(OFFactory f, long xid) {
        return f.errorMsgs()
                .buildBadRequestErrorMsg()
                .setXid(xid)
                .setCode(OFBadRequestCode.BUFFER_UNKNOWN)
                .setData(noData(f))
                .build();
    }

    static OFErrorMsg badEntry(OFFactory f, long xid, BadEntryException.Kind kind) {
        boolean of10 = f.getVersion() == OFVersion.OF_10;
        var errors = f.errorMsgs();
        return switch (kind) {
            case BAD_MATCH ->
                    of10
                            ? flowModFailed(f, xid, OFFlowModFailedCode.UNSUPPORTED)
                            : errors.buildBadMatchErrorMsg()
                                    .setXid(xid)
                                    .setCode(OFBadMatchCode.BAD_VALUE)
                                    .setData(noData(f))
                                    .build();
            case BAD_ACTION ->
                    errors.buildBadActionErrorMsg()
                            .setXid(xid)
                            .setCode(of10 ? OFBadActionCode.BAD_ARGUMENT : OFBadActionCode.BAD_TYPE)
                            .setData(noData(f))
                            .build();
            case BAD_INSTRUCTION ->
                    of10
                            ? flowModFailed(f, xid, OFFlowModFailedCode.UNSUPPORTED)
                            : errors.buildBadInstructionErrorMsg()
                                    .setXid(xid)
                                    .setCode(OFBadInstructionCode.UNSUP_INST)
                                    .setData(noData(f))
                                    .build();
            case BAD_GROUP ->
                    errors.buildGroupModFailedErrorMsg()
                            .setXid(xid)
                            .setCode(OFGroupModFailedCode.INVALID_GROUP)
                            .setData(noData(f))
                            .build();
            case BAD_TABLE ->
                    flowModFailed(
                            f,
                            xid,
                            of10
                                    ? OFFlowModFailedCode.UNSUPPORTED
                                    : OFFlowModFailedCode.BAD_TABLE_ID);
        };
    }

    private static OFErrorCauseData noData(OFFactory f) {
        return OFErrorCauseData.of(new byte[0], f.getVersion());
    }
}
