package org.weft.net.reconcile;

/** How a switch's tables compare with intent, as the last reconcile pass found them. */
public enum SyncState {
    /** Not checked since it connected. */
    UNKNOWN,
    /** The last pass found or left the tables equal to intent. */
    IN_SYNC,
    /**
     * The tables differ from intent (found by a pass, or a batch failed) until a pass converges.
     */
    DIVERGED
}
