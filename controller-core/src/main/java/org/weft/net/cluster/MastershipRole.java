package org.weft.net.cluster;

/** This instance's role for one switch. */
public enum MastershipRole {
    /** Handles the switch's packet-ins and programs it. */
    MASTER,
    /** Connected, reads state, never writes. */
    SLAVE,
    /** Not decided yet (no assignment for the switch). */
    NONE
}
