package org.weft.net.flow;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.weft.net.Dpid;

/** Installs and removes groups (OF1.3 only), each batch confirmed by a barrier. */
public interface GroupService {

    /**
     * Sends the group operations in order, followed by a barrier.
     *
     * @return completes on the barrier reply, saying which operations the switch rejected; fails as
     *     {@link FlowRuleService#apply} does when the outcome is unknown, and with {@link
     *     UnsupportedOperationException} on an OF1.0 switch
     */
    CompletableFuture<BatchResult> applyGroups(Dpid dpid, List<GroupOperation> operations);
}
