package org.weft.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.openflow.emulator.EmulatedSwitch;

/**
 * Batches encoded straight into the channel's buffer, many in flight per switch: every rule lands
 * in the switch's table once its barrier is answered, and a switch that stops reading cannot make
 * Weft queue more than {@link OfLimits#maxOutboundBytes()} for it.
 */
class FlowBatchIT {

    private static final int BATCH = 100;

    private static List<FlowRuleOperation> batch(Dpid dpid, int first) {
        List<FlowRuleOperation> ops = new ArrayList<>(BATCH);
        for (int i = first; i < first + BATCH; i++) {
            ops.add(
                    FlowRuleOperation.add(
                            FlowRule.builder(dpid)
                                    .priority(1000)
                                    .match(
                                            FlowMatch.builder()
                                                    .ethDst(MacAddress.of(0x0a0000000000L | i))
                                                    .build())
                                    .actions(FlowAction.output(1 + i % 4))
                                    .cookie(i)
                                    .build()));
        }
        return ops;
    }

    @Test
    void manyBatchesInFlightAreAllConfirmedAndInTheTable() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            for (OFVersion v : List.of(OFVersion.OF_10, OFVersion.OF_13)) {
                EmulatedSwitch sw = bed.connect(v == OFVersion.OF_10 ? 0x10 : 0x13, v);
                int before = sw.table().flows().size();
                List<CompletableFuture<BatchResult>> inFlight = new ArrayList<>();
                for (int b = 0; b < 32; b++) {
                    inFlight.add(
                            bed.controller
                                    .flowRuleService()
                                    .apply(sw.dpid(), batch(sw.dpid(), b * BATCH)));
                }
                for (CompletableFuture<BatchResult> f : inFlight) {
                    BatchResult r = f.get(10, TimeUnit.SECONDS);
                    assertThat(r.failures()).isEmpty();
                }
                assertThat(sw.table().flows()).hasSize(before + 32 * BATCH);
                assertThat(sw.counters().barriers.sum()).isGreaterThanOrEqualTo(32);
            }
        }
    }

    @Test
    void aSwitchThatStopsReadingIsDisconnectedBeforeWeftQueuesMoreThanTheLimit() throws Exception {
        OfLimits d = OfLimits.defaults();
        long maxOutbound = 512 * 1024;
        OfLimits limits =
                new OfLimits(
                        d.requestTimeout(),
                        32 * 1024,
                        128 * 1024,
                        Duration.ofSeconds(60), // the byte bound, not the stall timer, ends it
                        maxOutbound,
                        d.maxMultipartParts(),
                        d.maxMultipartBytes(),
                        d.packetIns());
        try (DriverTestBed bed = new DriverTestBed(OfConfig.defaults().withLimits(limits))) {
            EmulatedSwitch sw = bed.connect(0x51, OFVersion.OF_10);
            Dpid dpid = sw.dpid();
            sw.wire().channel().config().setAutoRead(false);

            List<CompletableFuture<BatchResult>> sent = new ArrayList<>();
            long maxQueued = 0;
            // 4,000 batches of ~8 KB: far more than the limit plus both sockets' buffers.
            for (int b = 0; b < 4_000 && bed.controller.deviceService().isConnected(dpid); b++) {
                CompletableFuture<BatchResult> f =
                        bed.controller.flowRuleService().apply(dpid, batch(dpid, b * BATCH));
                sent.add(f);
                if (f.isCompletedExceptionally()) {
                    break;
                }
                maxQueued =
                        Math.max(
                                maxQueued,
                                bed.controller
                                        .deviceService()
                                        .channelStats(dpid)
                                        .map(s -> s.outboundBytes())
                                        .orElse(0L));
            }
            DriverTestBed.waitUntil(
                    () -> !bed.controller.deviceService().isConnected(dpid),
                    Duration.ofSeconds(10));

            assertThat(maxQueued).isLessThanOrEqualTo(maxOutbound);
            // Nothing was confirmed, and the outcome of every batch is unknown: each one fails.
            for (CompletableFuture<BatchResult> f : sent) {
                assertThat(f)
                        .failsWithin(Duration.ofSeconds(5))
                        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                        .withCauseInstanceOf(DeviceNotConnectedException.class);
            }
        }
    }
}
