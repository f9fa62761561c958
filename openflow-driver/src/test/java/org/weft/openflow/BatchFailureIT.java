package org.weft.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModFailedCode;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFErrorCauseData;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.SwitchErrorException;
import org.weft.net.flow.BatchFailure;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleCounters;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.FlowModError;

/** What the driver makes of flow-mods a switch rejects or never confirms. */
class BatchFailureIT {

    private static final int APP = 7;

    /** Adds of {@code n} distinct rules, numbered from {@code first}. */
    private static List<FlowRuleOperation> adds(Dpid dpid, int first, int n) {
        List<FlowRuleOperation> ops = new ArrayList<>();
        for (int i = first; i < first + n; i++) {
            ops.add(
                    FlowRuleOperation.add(
                            FlowRule.builder(dpid)
                                    .priority(1000)
                                    .match(
                                            FlowMatch.builder()
                                                    .ethDst(MacAddress.of(0x0a0000000000L + i))
                                                    .build())
                                    .actions(FlowAction.output(1 + i % 3))
                                    .cookie(Cookies.make(APP, i))
                                    .build()));
        }
        return ops;
    }

    private static List<FlowRule> rules(List<FlowRuleOperation> ops) {
        return ops.stream().map(FlowRuleOperation::rule).toList();
    }

    private static BlockingQueue<BatchFailure> listen(DriverTestBed bed) {
        BlockingQueue<BatchFailure> told = new LinkedBlockingQueue<>();
        bed.controller.flowRuleCounters().addFailureListener(told::add);
        return told;
    }

    /** The counters are updated as the batch completes, possibly just after the caller wakes. */
    private static void awaitFailures(FlowRuleCounters c, Map<Dpid, Map<String, Long>> expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!c.flowModFailures().equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(c.flowModFailures()).isEqualTo(expected);
    }

    @Test
    void flowModsTheSwitchRejectsAreListedByIndexCountedAndTold() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch sw = bed.connect(0x1, OFVersion.OF_13);
            BlockingQueue<BatchFailure> told = listen(bed);
            sw.rejectFlowModsWith(FlowModError.TABLE_FULL);
            sw.wire().clearReceived();
            List<FlowRuleOperation> ops = adds(sw.dpid(), 0, 3);

            BatchResult r =
                    bed.controller.flowRuleService().apply(sw.dpid(), ops).get(5, TimeUnit.SECONDS);

            assertThat(r.size()).isEqualTo(3);
            assertThat(r.confirmedCount()).isZero();
            assertThat(r.failures()).containsOnlyKeys(0, 1, 2);
            List<OFFlowMod> sent = sw.wire().received(OFFlowMod.class);
            assertThat(sent).hasSize(3);
            for (int i = 0; i < 3; i++) {
                SwitchErrorException e = r.failures().get(i);
                assertThat(e.dpid()).isEqualTo(sw.dpid());
                assertThat(e.errorType()).isEqualTo("FLOW_MOD_FAILED");
                assertThat(e.errorCode()).isEqualTo("TABLE_FULL");
                assertThat(e.xid())
                        .as("error %s answers flow-mod %s", i, i)
                        .isEqualTo(sent.get(i).getXid());
            }
            assertThat(sw.table().flows()).doesNotContainAnyElementsOf(rules(ops));

            FlowRuleCounters c = bed.controller.flowRuleCounters();
            awaitFailures(c, Map.of(sw.dpid(), Map.of("FLOW_MOD_FAILED/TABLE_FULL", 3L)));
            assertThat(told.poll(5, TimeUnit.SECONDS))
                    .isEqualTo(new BatchFailure(sw.dpid(), "FLOW_MOD_FAILED/TABLE_FULL", 3, 3));
            assertThat(c.failedBatchesLastMinute()).isEqualTo(1);

            // A confirmed batch is neither counted nor told.
            sw.rejectFlowModsWith(null);
            assertThat(
                            bed.controller
                                    .flowRuleService()
                                    .apply(sw.dpid(), ops)
                                    .get(5, TimeUnit.SECONDS)
                                    .ok())
                    .isTrue();
            assertThat(told.poll(200, TimeUnit.MILLISECONDS)).isNull();
            assertThat(c.flowModFailures())
                    .isEqualTo(Map.of(sw.dpid(), Map.of("FLOW_MOD_FAILED/TABLE_FULL", 3L)));
            assertThat(c.failedBatchesLastMinute()).isEqualTo(1);
        }
    }

    @Test
    void onlyTheFlowModsTheSwitchRejectedAreListed() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch sw = bed.connect(0x2, OFVersion.OF_13);
            BlockingQueue<BatchFailure> told = listen(bed);
            // The switch refuses the middle flow-mod only (after applying it to its table).
            long refusedCookie = Cookies.make(APP, 1);
            sw.wire()
                    .onMessage(
                            (s, m) -> {
                                if (m instanceof OFFlowMod fm
                                        && fm.getCookie().getValue() == refusedCookie) {
                                    s.wire()
                                            .send(
                                                    s.wire()
                                                            .factory()
                                                            .errorMsgs()
                                                            .buildFlowModFailedErrorMsg()
                                                            .setXid(fm.getXid())
                                                            .setCode(OFFlowModFailedCode.OVERLAP)
                                                            .setData(
                                                                    OFErrorCauseData.of(
                                                                            new byte[0],
                                                                            s.wire()
                                                                                    .factory()
                                                                                    .getVersion()))
                                                            .build());
                                }
                            });

            BatchResult r =
                    bed.controller
                            .flowRuleService()
                            .apply(sw.dpid(), adds(sw.dpid(), 0, 3))
                            .get(5, TimeUnit.SECONDS);

            assertThat(r.failures()).containsOnlyKeys(1);
            assertThat(r.failures().get(1).errorCode()).isEqualTo("OVERLAP");
            assertThat(r.confirmedCount()).isEqualTo(2);
            awaitFailures(
                    bed.controller.flowRuleCounters(),
                    Map.of(sw.dpid(), Map.of("FLOW_MOD_FAILED/OVERLAP", 1L)));
            assertThat(told.poll(5, TimeUnit.SECONDS))
                    .isEqualTo(new BatchFailure(sw.dpid(), "FLOW_MOD_FAILED/OVERLAP", 3, 1));
        }
    }

    @Test
    void aSwitchThatNeverConfirmsFailsTheBatchAfterTheRequestTimeout() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        OfConfig config =
                OfConfig.defaults().withLimits(OfLimits.defaults().withRequestTimeout(timeout));
        try (DriverTestBed bed = new DriverTestBed(config)) {
            EmulatedSwitch sw = bed.connect(0x3, OFVersion.OF_13);
            BlockingQueue<BatchFailure> told = listen(bed);
            sw.setBarrierSilent(true);
            List<FlowRuleOperation> ops = adds(sw.dpid(), 0, 2);

            long start = System.nanoTime();
            CompletableFuture<BatchResult> f =
                    bed.controller.flowRuleService().apply(sw.dpid(), ops);

            // Well before the default 10 s request timeout.
            assertThat(f)
                    .failsWithin(Duration.ofSeconds(5))
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(TimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(timeout);

            FlowRuleCounters c = bed.controller.flowRuleCounters();
            awaitFailures(c, Map.of(sw.dpid(), Map.of(BatchFailure.TIMEOUT, 2L)));
            assertThat(told.poll(5, TimeUnit.SECONDS))
                    .isEqualTo(new BatchFailure(sw.dpid(), BatchFailure.TIMEOUT, 2, 2));
            assertThat(c.failedBatchesLastMinute()).isEqualTo(1);
            // The outcome is unknown, not failed: this switch did apply them, and stays connected.
            assertThat(sw.table().flows()).containsAll(rules(ops));
            assertThat(bed.controller.deviceService().isConnected(sw.dpid())).isTrue();

            sw.setBarrierSilent(false);
            assertThat(
                            bed.controller
                                    .flowRuleService()
                                    .apply(sw.dpid(), adds(sw.dpid(), 2, 1))
                                    .get(5, TimeUnit.SECONDS)
                                    .ok())
                    .isTrue();
        }
    }

    @Test
    void everyThirdBatchIsRejectedAndNoOther() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch sw = bed.connect(0x4, OFVersion.OF_13);
            sw.rejectEveryNthBatch(3, FlowModError.TABLE_FULL);

            List<Integer> rejected = new ArrayList<>();
            List<FlowRule> confirmed = new ArrayList<>();
            for (int batch = 1; batch <= 7; batch++) {
                List<FlowRuleOperation> ops = adds(sw.dpid(), 10 * batch, 2);
                BatchResult r =
                        bed.controller
                                .flowRuleService()
                                .apply(sw.dpid(), ops)
                                .get(5, TimeUnit.SECONDS);
                if (r.ok()) {
                    confirmed.addAll(rules(ops));
                } else {
                    rejected.add(batch);
                    assertThat(r.failures()).as("batch %s", batch).containsOnlyKeys(0, 1);
                    assertThat(r.failures().values())
                            .allSatisfy(e -> assertThat(e.errorCode()).isEqualTo("TABLE_FULL"));
                }
            }

            assertThat(rejected).containsExactly(3, 6);
            assertThat(sw.table().flows())
                    .filteredOn(fl -> Cookies.appId(fl.cookie()) == APP)
                    .containsExactlyInAnyOrderElementsOf(confirmed);
            FlowRuleCounters c = bed.controller.flowRuleCounters();
            awaitFailures(c, Map.of(sw.dpid(), Map.of("FLOW_MOD_FAILED/TABLE_FULL", 4L)));
            assertThat(c.failedBatchesLastMinute()).isEqualTo(2);
        }
    }
}
