package org.weft.openflow.provider;

import io.netty.buffer.ByteBuf;
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
        for (FlowRuleOperation op : operations) {
            if (!op.rule().dpid().equals(dpid)) {
                return CompletableFuture.failedFuture(
                        new IllegalArgumentException(
                                "rule for " + op.rule().dpid() + " in a batch for " + dpid));
            }
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

    /** Encodes each rule once, however often it is re-asserted ({@link FlowModCache}). */
    @Override
    public boolean send(Dpid dpid, List<FlowRuleOperation> operations) {
        Optional<OfSwitch> sw = switches.get(dpid);
        if (sw.isEmpty() || !sw.get().isMaster()) {
            return false;
        }
        OfSwitch s = sw.get();
        OFFactory f = s.factory();
        boolean policy = s.policyStage();
        long xid = s.reserveXids(operations.size());
        ByteBuf out = s.buffer(operations.size() * BYTES_PER_FLOW_MOD);
        try {
            for (FlowRuleOperation op : operations) {
                reasserted.write(out, f, policy, op, xid++);
            }
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            out.release();
            log.debug("Could not re-assert rules on {}: {}", dpid, e.getMessage());
            return false;
        }
        s.sendBytes(out);
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
                (i, xid, out) -> OfFlowMods.toGroupMod(f, operations.get(i), xid).writeTo(out));
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
