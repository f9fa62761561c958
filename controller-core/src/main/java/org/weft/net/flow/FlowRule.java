package org.weft.net.flow;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.weft.net.Dpid;

/**
 * A flow table entry Weft wants on a switch. The cookie's high 16 bits name the owning app (see
 * {@link Cookies}), so flows can be listed, audited and cleaned per app.
 */
public record FlowRule(
        Dpid dpid,
        int tableId,
        int priority,
        FlowMatch match,
        List<FlowAction> actions,
        int idleTimeout,
        int hardTimeout,
        long cookie) {

    /**
     * The logical table of the policy stage (ACLs, rate limits), which runs before forwarding on a
     * switch that has one (see {@link PipelineService}). Forwarding's logical tables are 0 and up;
     * the driver maps both onto the switch's physical tables.
     */
    public static final int POLICY_TABLE = 254;

    public FlowRule {
        checkNotNull(dpid, "dpid");
        checkNotNull(match, "match");
        actions = ImmutableList.copyOf(checkNotNull(actions, "actions"));
        checkArgument(tableId >= 0 && tableId < 255, "tableId %s out of range 0..254", tableId);
        checkArgument(
                priority >= 0 && priority <= 0xffff, "priority %s out of range 0..65535", priority);
        checkArgument(
                idleTimeout >= 0 && idleTimeout <= 0xffff,
                "idleTimeout %s out of range",
                idleTimeout);
        checkArgument(
                hardTimeout >= 0 && hardTimeout <= 0xffff,
                "hardTimeout %s out of range",
                hardTimeout);
    }

    public static Builder builder(Dpid dpid) {
        return new Builder(dpid);
    }

    /**
     * Builds a {@link FlowRule}; defaults: table 0, priority 100, match all, drop, no timeouts,
     * cookie 0.
     */
    public static final class Builder {
        private final Dpid dpid;
        private int tableId;
        private int priority = 100;
        private FlowMatch match = FlowMatch.ANY;
        private List<FlowAction> actions = List.of();
        private int idleTimeout;
        private int hardTimeout;
        private long cookie;

        private Builder(Dpid dpid) {
            this.dpid = dpid;
        }

        public Builder table(int v) {
            tableId = v;
            return this;
        }

        public Builder priority(int v) {
            priority = v;
            return this;
        }

        public Builder match(FlowMatch v) {
            match = v;
            return this;
        }

        public Builder actions(List<FlowAction> v) {
            actions = v;
            return this;
        }

        public Builder actions(FlowAction... v) {
            actions = List.of(v);
            return this;
        }

        public Builder idleTimeout(int v) {
            idleTimeout = v;
            return this;
        }

        public Builder hardTimeout(int v) {
            hardTimeout = v;
            return this;
        }

        public Builder cookie(long v) {
            cookie = v;
            return this;
        }

        public FlowRule build() {
            return new FlowRule(
                    dpid, tableId, priority, match, actions, idleTimeout, hardTimeout, cookie);
        }
    }
}
