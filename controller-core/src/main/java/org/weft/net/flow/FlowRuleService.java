package org.weft.net.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.weft.net.Dpid;

/** Installs and removes flow rules, each batch confirmed by a barrier. */
public interface FlowRuleService {

    /**
     * Sends the operations to the switch in order, followed by a barrier.
     *
     * @return completes when the barrier reply arrives, saying which operations the switch rejected
     *     and why (every other one is confirmed); fails when the outcome is unknown: {@link
     *     org.weft.net.DeviceNotConnectedException} if the switch is not (or no longer) connected,
     *     {@link java.util.concurrent.TimeoutException} if no barrier reply came within the request
     *     timeout, {@link IllegalArgumentException} or {@link UnsupportedOperationException} if the
     *     batch cannot be translated for the switch (nothing was sent)
     */
    CompletableFuture<BatchResult> apply(Dpid dpid, List<FlowRuleOperation> operations);

    /**
     * A burst: several batches, for one switch or several, each sent and confirmed as by {@link
     * #apply} (in order per switch, a barrier each, many in flight), handed over at once so an
     * implementation can write each switch's share in one go. A batch that cannot be sent or that
     * the switch rejects fails alone; the others go on.
     *
     * @return one future per batch, in the order of {@code batches}, each as {@link #apply}'s
     */
    default List<CompletableFuture<BatchResult>> applyAll(List<FlowRuleBatch> batches) {
        List<CompletableFuture<BatchResult>> results = new ArrayList<>(batches.size());
        for (FlowRuleBatch b : batches) {
            results.add(apply(b.dpid(), b.operations()));
        }
        return results;
    }

    /**
     * Sends the operations without a barrier and without waiting: for repeating entries the switch
     * should already hold (a packet-in for a routed destination). An error the switch sends back is
     * logged. Returns false when the switch is not connected or the rules cannot be translated.
     */
    default boolean send(Dpid dpid, List<FlowRuleOperation> operations) {
        apply(dpid, operations);
        return true;
    }

    /**
     * As {@link #send}, for the answer to a buffered packet-in: the ADDs of {@code adds} but {@code
     * releasing}'s, then {@code releasing}'s naming the switch's buffer {@code bufferId} (an
     * unsigned 32-bit value in an int's bits), so the switch applies it to the packet it holds once
     * the others are in. {@code releasing} is one of {@code adds}' rules.
     */
    default boolean sendReleasing(
            Dpid dpid, List<FlowRuleOperation> adds, FlowRule releasing, int bufferId) {
        List<FlowRuleOperation> ops = new java.util.ArrayList<>(adds.size());
        for (FlowRuleOperation op : adds) {
            if (op.rule() != releasing) {
                ops.add(op);
            }
        }
        ops.add(FlowRuleOperation.addReleasing(releasing, java.util.OptionalInt.of(bufferId)));
        return send(dpid, ops);
    }
}
