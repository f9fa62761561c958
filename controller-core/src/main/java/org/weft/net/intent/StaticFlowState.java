package org.weft.net.intent;

/** Where a static flow stands on its switch. */
public enum StaticFlowState {
    /** Recorded; its switch has not confirmed it since it (re)connected. */
    PENDING,
    /** Confirmed by its barrier, or found or made equal to intent by a reconcile pass. */
    INSTALLED,
    /** The switch rejected it (the error says how); the reconciler keeps trying. */
    FAILED,
    /** Its switch is not connected; the reconciler installs it when the switch connects. */
    SWITCH_DISCONNECTED
}
