package org.weft.openflow.channel;

import java.util.Arrays;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFHelloFailedCode;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFErrorCauseData;

/** The OFPT_ERROR messages Weft sends to a switch that sent something it cannot accept. */
final class OfErrorReplies {

    private OfErrorReplies() {}

    /** BAD_REQUEST for a frame that did not decode: BAD_VERSION, BAD_TYPE or BAD_LEN. */
    static OFErrorMsg badRequest(OFVersion negotiated, MalformedMessage m) {
        OFFactory f = OFFactories.getFactory(negotiated == null ? OFVersion.OF_13 : negotiated);
        return f.errorMsgs()
                .buildBadRequestErrorMsg()
                .setXid(m.xid())
                .setCode(badRequestCode(negotiated, m))
                .setData(OFErrorCauseData.of(m.frame(), f.getVersion()))
                .build();
    }

    private static OFBadRequestCode badRequestCode(OFVersion negotiated, MalformedMessage m) {
        if (negotiated != null && m.version() != negotiated.getWireVersion()) {
            return OFBadRequestCode.BAD_VERSION;
        }
        if (m.type() > highestType(m.version())) {
            return OFBadRequestCode.BAD_TYPE;
        }
        return OFBadRequestCode.BAD_LEN;
    }

    /**
     * Highest message type number defined by each wire version (OF1.0: 21, OF1.3: 29, 1.4: 34, 1.5:
     * 35).
     */
    private static int highestType(int wireVersion) {
        return switch (wireVersion) {
            case 1 -> 21;
            case 4 -> 29;
            case 5 -> 34;
            case 6 -> 35;
            default -> -1;
        };
    }

    /**
     * HELLO_FAILED/INCOMPATIBLE answering the switch's HELLO (its xid), sent in the switch's own
     * header version before closing.
     */
    static OFErrorMsg helloFailed(OFVersion theirs, long xid, String why) {
        OFFactory f = OFFactories.getFactory(theirs);
        byte[] text =
                Arrays.copyOf(
                        why.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        Math.min(64, why.length()));
        return f.errorMsgs()
                .buildHelloFailedErrorMsg()
                .setXid(xid)
                .setCode(OFHelloFailedCode.INCOMPATIBLE)
                .setData(OFErrorCauseData.of(text, theirs))
                .build();
    }
}
