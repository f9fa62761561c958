package org.weft.net.flow;

/** How many flow-mods the controller has sent to switches since start (for metrics). */
public interface FlowRuleCounters {

    /** Flow-mods sent, confirmed or not (adds, modifies, removes). */
    long flowModsSent();
}
