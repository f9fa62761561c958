package org.weft.openflow.emulator;

import org.projectfloodlight.openflow.protocol.OFFlowModFailedCode;

/**
 * A FLOW_MOD_FAILED code an {@link EmulatedSwitch} can be made to answer flow-mods with ({@link
 * EmulatedSwitch#rejectFlowModsWith}). The driver reports it as {@code FLOW_MOD_FAILED/<name>}.
 */
public enum FlowModError {
    /** The table has no room (OpenFlow 1.3; OFPFMFC_TABLE_FULL). */
    TABLE_FULL(OFFlowModFailedCode.TABLE_FULL),
    /** The entry overlaps another and the CHECK_OVERLAP flag was set. */
    OVERLAP(OFFlowModFailedCode.OVERLAP),
    /** Permissions error. */
    EPERM(OFFlowModFailedCode.EPERM),
    /** Unsupported or unknown command. */
    BAD_COMMAND(OFFlowModFailedCode.BAD_COMMAND);

    private final OFFlowModFailedCode wire;

    FlowModError(OFFlowModFailedCode wire) {
        this.wire = wire;
    }

    OFFlowModFailedCode wire() {
        return wire;
    }
}
