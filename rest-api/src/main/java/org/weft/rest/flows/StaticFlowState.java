package org.weft.rest.flows;

/** Where a static flow stands on its switch (see docs/rest-api.md). */
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
