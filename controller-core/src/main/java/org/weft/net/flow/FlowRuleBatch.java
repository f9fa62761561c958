package org.weft.net.flow;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import org.weft.net.Dpid;

/**
 * One switch's batch in a burst ({@link FlowRuleService#applyAll}): operations sent in order and
 * confirmed by one barrier, as one {@link FlowRuleService#apply} call.
 */
public record FlowRuleBatch(Dpid dpid, List<FlowRuleOperation> operations) {

    public FlowRuleBatch {
        checkNotNull(dpid, "dpid");
        checkNotNull(operations, "operations");
    }
}
