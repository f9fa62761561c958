package org.weft.net.stats;

import static com.google.common.base.Preconditions.checkNotNull;

import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowRule;

/**
 * A flow entry as the switch reports it (flow stats), with its counters.
 *
 * @param rule the entry (its cookie names the owning app, see {@link Cookies})
 * @param packets packets matched
 * @param bytes bytes matched
 * @param durationSeconds how long the entry has been installed
 */
public record FlowEntry(FlowRule rule, long packets, long bytes, long durationSeconds) {

    public FlowEntry {
        checkNotNull(rule, "rule");
    }

    public int appId() {
        return Cookies.appId(rule.cookie());
    }
}
