package org.weft.net.flow;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.weft.net.Dpid;

/** An OpenFlow 1.3 group on a switch. */
public record Group(Dpid dpid, int groupId, Type type, List<Bucket> buckets) {

    /** Group semantics. */
    public enum Type {
        /** Every bucket gets a copy (flooding). */
        ALL,
        /** One bucket per flow, chosen by the switch's hash, weighted. */
        SELECT,
        /** A single bucket; a level of indirection. */
        INDIRECT,
        /** The first bucket whose watched port is live. */
        FAST_FAILOVER
    }

    /**
     * One bucket.
     *
     * @param weight relative share for SELECT groups (0 otherwise)
     * @param watchPort port whose liveness gates the bucket in FAST_FAILOVER groups, or null
     * @param actions what to do with the packet
     */
    public record Bucket(int weight, org.weft.net.PortNumber watchPort, List<FlowAction> actions) {
        public Bucket {
            checkArgument(weight >= 0 && weight <= 0xffff, "bucket weight %s out of range", weight);
            actions = ImmutableList.copyOf(checkNotNull(actions, "actions"));
        }
    }

    public Group {
        checkNotNull(dpid, "dpid");
        checkNotNull(type, "type");
        checkArgument(groupId >= 0, "group id %s out of range", groupId);
        buckets = ImmutableList.copyOf(checkNotNull(buckets, "buckets"));
        checkArgument(
                type != Type.INDIRECT || buckets.size() == 1,
                "an INDIRECT group has exactly one bucket");
        for (Bucket b : buckets) {
            checkArgument(
                    type != Type.FAST_FAILOVER || b.watchPort() != null,
                    "every FAST_FAILOVER bucket watches a port");
        }
    }
}
