package org.weft.openflow.provider;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.flow.BatchFailureListener;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleBatch;
import org.weft.net.flow.FlowRuleCounters;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.flow.GroupOperation;
import org.weft.net.flow.GroupService;
import org.weft.net.flow.PipelineService;
import org.weft.openflow.channel.OfSwitch;
import org.weft.openflow.channel.OfSwitchRegistry;
import org.weft.openflow.translate.OfFlowMods;

/**
 * Flow rules and groups as barrier-confirmed batches of flow-mods / group-mods. A batch that cannot
 * be translated for the switch's version fails before anything is sent.
 */
public final class OfFlowRuleManager
        implements FlowRuleService, GroupService, FlowRuleCounters, PipelineService {

    private final OfSwitchRegistry switches;
    private static final Logger log = LoggerFactory.getLogger(OfFlowRuleManager.class);

    /** A typical flow-mod's size, to size a buffer for a few. */
    private static final int BYTES_PER_FLOW_MOD = 136;

    private final FlowModFailures failures = new FlowModFailures(System::nanoTime);
    private final FlowModCache reasserted = new FlowModCache();

    public OfFlowRuleManager(OfSwitchRegistry switches) {
        this.switches = switches;
    }

    @Override
    public CompletableFuture<BatchResult> apply(Dpid dpid, List<FlowRuleOperation> operations) {
        Optional<OfSwitch> sw = switches.get(dpid);
        if (sw.isEmpty()) {
            return CompletableFuture.failedFuture(new DeviceNotConnectedException(dpid));
        }
        OFFactory f = sw.get().factory();
        boolean policy = sw.get().policyStage();
        Dpid other = otherSwitch(dpid, operations);
        if (other != null) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("rule for " + other + " in a batch for " + dpid));
        }
        int n = operations.size();
        CompletableFuture<BatchResult> batch =
                send(
                        sw.get(),
                        n,
                        (i, xid, out) ->
                                OfFlowMods.writeFlowMod(f, policy, operations.get(i), xid, out));
        return batch;
    }

    /**
     * Each switch's batches of the burst encoded into one buffer and written with one flush (a
     * barrier per batch, many in flight); a batch for a switch that is not connected, with a rule
     * for another switch, or that cannot be translated, fails alone.
     */
    @Override
    public List<CompletableFuture<BatchResult>> applyAll(List<FlowRuleBatch> batches) {
        List<CompletableFuture<BatchResult>> results =
                new ArrayList<>(Collections.nCopies(batches.size(), null));
        Map<Dpid, List<Integer>> bySwitch = new LinkedHashMap<>();
        for (int i = 0; i < batches.size(); i++) {
            bySwitch.computeIfAbsent(batches.get(i).dpid(), d -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<Dpid, List<Integer>> e : bySwitch.entrySet()) {
            Dpid dpid = e.getKey();
            Optional<OfSwitch> sw = switches.get(dpid);
            if (sw.isEmpty()) {
                for (int i : e.getValue()) {
                    results.set(
                            i,
                            CompletableFuture.failedFuture(new DeviceNotConnectedException(dpid)));
                }
                continue;
            }
            OFFactory f = sw.get().factory();
            boolean policy = sw.get().policyStage();
            List<Integer> sent = new ArrayList<>(e.getValue().size());
            List<OfSwitch.BurstBatch> burst = new ArrayList<>(e.getValue().size());
            for (int i : e.getValue()) {
                List<FlowRuleOperation> ops = batches.get(i).operations();
                Dpid other = otherSwitch(dpid, ops);
                if (other != null) {
                    results.set(
                            i,
                            CompletableFuture.failedFuture(
                                    new IllegalArgumentException(
                                            "rule for " + other + " in a batch for " + dpid)));
                    continue;
                }
                sent.add(i);
                burst.add(
                        new OfSwitch.BurstBatch(
                                ops.size(),
                                (m, xid, out) ->
                                        OfFlowMods.writeFlowMod(f, policy, ops.get(m), xid, out)));
            }
            List<CompletableFuture<BatchResult>> done = sw.get().sendBurst(burst);
            for (int k = 0; k < sent.size(); k++) {
                int count = burst.get(k).count();
                results.set(
                        sent.get(k),
                        done.get(k).whenComplete((r, x) -> failures.observe(dpid, count, r, x)));
            }
        }
        return results;
    }

    /** The switch of the first rule that is not for {@code dpid}, or null. */
    private static Dpid otherSwitch(Dpid dpid, List<FlowRuleOperation> operations) {
        for (FlowRuleOperation op : operations) {
            if (!op.rule().dpid().equals(dpid)) {
                return op.rule().dpid();
            }
        }
        return null;
    }

    @Override
    public Optional<Pipeline> pipeline(Dpid dpid) {
        return switches.get(dpid)
                .map(s -> new Pipeline(s.version().name(), s.tables(), s.policyStage()));
    }

    @Override
    public long flowModsSent() {
        return switches.sent().flowMods();
    }

    @Override
    public long groupModsSent() {
        return switches.sent().groupMods();
    }

    @Override
    public long packetOutsSent() {
        return switches.sent().packetOuts();
    }

    @Override
    public Map<Dpid, Map<String, Long>> flowModFailures() {
        return failures.byReason();
    }

    @Override
    public int failedBatchesLastMinute() {
        return failures.lastMinute();
    }

    @Override
    public void addFailureListener(BatchFailureListener listener) {
        failures.addListener(listener);
    }

    /** As {@link #send}, without an operation for the rule naming the buffer. */
    @Override
    public boolean sendReleasing(
            Dpid dpid, List<FlowRuleOperation> adds, FlowRule releasing, int bufferId) {
        return reassert(dpid, adds, releasing, bufferId);
    }

    /** Encodes each rule once, however often it is re-asserted ({@link FlowModCache}). */
    @Override
    public boolean send(Dpid dpid, List<FlowRuleOperation> operations) {
        return reassert(dpid, operations, null, 0);
    }

    /**
     * Writes the operations as one answer (see {@link OfSwitch#answers}), but {@code releasing}'s
     * (null: none), which comes last, naming the buffer {@code bufferId}.
     */
    private boolean reassert(
            Dpid dpid, List<FlowRuleOperation> operations, FlowRule releasing, int bufferId) {
        OfSwitch s = switches.getOrNull(dpid); // no Optional: once per re-assertion
        if (s == null || !s.isMaster()) {
            return false;
        }
        OFFactory f = s.factory();
        boolean policy = s.policyStage();
        long xid = s.reserveXids(operations.size());
        ByteBuf out = s.answers().buffer(operations.size() * BYTES_PER_FLOW_MOD);
        int mark = out.writerIndex();
        try {
            // Indexed, not for-each: no iterator per re-assertion (the list is often cached).
            for (int i = 0; i < operations.size(); i++) {
                FlowRuleOperation op = operations.get(i);
                if (op.rule() != releasing) {
                    reasserted.write(out, f, policy, op, xid++);
                }
            }
            if (releasing != null) {
                reasserted.write(out, f, policy, releasing, true, bufferId, xid);
            }
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            s.answers().abandon(out, mark);
            log.debug("Could not re-assert rules on {}: {}", dpid, e.getMessage());
            return false;
        }
        s.answers().written(out);
        return true;
    }

    @Override
    public CompletableFuture<BatchResult> applyGroups(Dpid dpid, List<GroupOperation> operations) {
        Optional<OfSwitch> sw = switches.get(dpid);
        if (sw.isEmpty()) {
            return CompletableFuture.failedFuture(new DeviceNotConnectedException(dpid));
        }
        OFFactory f = sw.get().factory();
        if (f.getVersion() == OFVersion.OF_10) {
            return CompletableFuture.failedFuture(
                    new UnsupportedOperationException(
                            "switch " + dpid + " speaks OpenFlow 1.0, which has no groups"));
        }
        return send(
                sw.get(),
                operations.size(),
                (i, xid, out) -> OfFlowMods.writeGroupMod(f, operations.get(i), xid, out));
    }

    /** Encodes the batch straight into the channel's buffer, then its barrier: one write. */
    private CompletableFuture<BatchResult> send(OfSwitch sw, int count, OfSwitch.BatchWriter msgs) {
        CompletableFuture<BatchResult> f;
        try {
            f = sw.sendBatch(count, msgs);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return CompletableFuture.failedFuture(e);
        }
        // The caller hears of the batch after it was counted and the listeners were told.
        return f.whenComplete((r, e) -> failures.observe(sw.dpid(), count, r, e));
    }
}
