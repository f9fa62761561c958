package org.weft.net.flow;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.weft.net.Dpid;

/** Installs and removes flow rules, each batch confirmed by a barrier. */
public interface FlowRuleService {

    /**
     * Sends the operations to the switch in order, followed by a barrier.
     *
     * @return completes when the barrier reply arrives; fails with {@link
     *     org.weft.net.SwitchErrorException} if the switch rejected one of them, or {@link
     *     org.weft.net.DeviceNotConnectedException} if the switch is not (or no longer) connected
     */
    CompletableFuture<Void> apply(Dpid dpid, List<FlowRuleOperation> operations);

    /**
     * Sends the operations without a barrier and without waiting: for repeating entries the switch
     * should already hold (a packet-in for a routed destination). An error the switch sends back is
     * logged. Returns false when the switch is not connected or the rules cannot be translated.
     */
    default boolean send(Dpid dpid, List<FlowRuleOperation> operations) {
        apply(dpid, operations);
        return true;
    }
}
