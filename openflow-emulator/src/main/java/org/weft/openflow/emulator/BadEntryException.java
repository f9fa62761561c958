package org.weft.openflow.emulator;

/**
 * A flow-mod or group-mod the emulator cannot take as it was encoded (a field without its
 * prerequisite, a VLAN id without OFPVID_PRESENT, an action or match field it does not know): the
 * switch answers with an OpenFlow error of the {@link Kind}, as a real switch would, instead of
 * installing something else.
 */
final class BadEntryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Which OpenFlow error the switch answers with. */
    enum Kind {
        /** OFPET_BAD_MATCH. */
        BAD_MATCH,
        /** OFPET_BAD_ACTION. */
        BAD_ACTION,
        /** OFPET_BAD_INSTRUCTION. */
        BAD_INSTRUCTION,
        /** OFPET_GROUP_MOD_FAILED. */
        BAD_GROUP,
        /** OFPET_FLOW_MOD_FAILED with OFPFMFC_BAD_TABLE_ID. */
        BAD_TABLE
    }

    private final Kind kind;

    BadEntryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    BadEntryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
