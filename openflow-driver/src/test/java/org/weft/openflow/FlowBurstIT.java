package org.weft.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleBatch;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.FlowModError;

/**
 * Bursts ({@code FlowRuleService.applyAll}) against emulated switches: every batch of a burst is
 * confirmed by its own barrier and lands in its switch's table; a batch the switch rejects, one
 * that cannot be translated, one with a rule for another switch and one for a switch that is not
 * connected each fail alone.
 */
class FlowBurstIT {

    private static final int APP = 9;

    private static List<FlowRuleOperation> adds(Dpid dpid, int first, int n, int table) {
        List<FlowRuleOperation> ops = new ArrayList<>(n);
        for (int i = first; i < first + n; i++) {
            ops.add(
                    FlowRuleOperation.add(
                            FlowRule.builder(dpid)
                                    .table(table)
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

    private static List<FlowRule> ours(EmulatedSwitch sw) {
        return sw.table().flows().stream().filter(f -> Cookies.appId(f.cookie()) == APP).toList();
    }

    private static List<FlowRule> rules(List<FlowRuleBatch> batches, int... indexes) {
        List<FlowRule> out = new ArrayList<>();
        for (int i : indexes) {
            batches.get(i).operations().forEach(op -> out.add(op.rule()));
        }
        return out;
    }

    private static BatchResult result(CompletableFuture<BatchResult> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<BatchResult> f) {
        assertThat(f).failsWithin(Duration.ofSeconds(10));
        try {
            f.get();
            throw new AssertionError("not failed");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void everyBatchOfABurstOverTwoSwitchesIsConfirmedAndInItsTable() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch a = bed.connect(0x10, OFVersion.OF_10);
            EmulatedSwitch b = bed.connect(0x13, OFVersion.OF_13);
            long barriersA = a.counters().barriers.sum();
            long barriersB = b.counters().barriers.sum();
            List<FlowRuleBatch> burst = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                EmulatedSwitch sw = i % 2 == 0 ? a : b;
                burst.add(new FlowRuleBatch(sw.dpid(), adds(sw.dpid(), 100 * i, 50, 0)));
            }

            List<CompletableFuture<BatchResult>> done =
                    bed.controller.flowRuleService().applyAll(burst);

            assertThat(done).hasSize(24);
            for (int i = 0; i < 24; i++) {
                BatchResult r = result(done.get(i));
                assertThat(r.size()).as("batch %s", i).isEqualTo(50);
                assertThat(r.ok()).as("batch %s", i).isTrue();
            }
            List<FlowRule> onA = new ArrayList<>();
            List<FlowRule> onB = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                (i % 2 == 0 ? onA : onB).addAll(rules(burst, i));
            }
            assertThat(ours(a)).containsExactlyInAnyOrderElementsOf(onA);
            assertThat(ours(b)).containsExactlyInAnyOrderElementsOf(onB);
            assertThat(a.counters().barriers.sum() - barriersA)
                    .as("a barrier per batch")
                    .isEqualTo(12);
            assertThat(b.counters().barriers.sum() - barriersB).isEqualTo(12);
        }
    }

    @Test
    void aBatchTheSwitchRejectsFailsAloneInItsBurst() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch sw = bed.connect(0x4, OFVersion.OF_13);
            sw.rejectEveryNthBatch(3, FlowModError.TABLE_FULL); // the third batch from now
            List<FlowRuleBatch> burst = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                burst.add(new FlowRuleBatch(sw.dpid(), adds(sw.dpid(), 10 * i, 4, 0)));
            }

            List<CompletableFuture<BatchResult>> done =
                    bed.controller.flowRuleService().applyAll(burst);

            for (int i = 0; i < 5; i++) {
                BatchResult r = result(done.get(i));
                if (i == 2) {
                    assertThat(r.failures()).as("batch 2").containsOnlyKeys(0, 1, 2, 3);
                    assertThat(r.failures().values())
                            .allSatisfy(e -> assertThat(e.errorCode()).isEqualTo("TABLE_FULL"));
                } else {
                    assertThat(r.ok()).as("batch %s", i).isTrue();
                }
            }
            assertThat(ours(sw)).containsExactlyInAnyOrderElementsOf(rules(burst, 0, 1, 3, 4));
        }
    }

    @Test
    void batchesThatCannotBeSentFailAloneAndTheOthersAreConfirmed() throws Exception {
        try (DriverTestBed bed = new DriverTestBed()) {
            EmulatedSwitch sw = bed.connect(0x10, OFVersion.OF_10);
            Dpid gone = Dpid.of(0x99);
            long barriers = sw.counters().barriers.sum();
            List<FlowRuleBatch> burst =
                    List.of(
                            new FlowRuleBatch(sw.dpid(), adds(sw.dpid(), 0, 3, 0)),
                            // OpenFlow 1.0 has one table: no form for table 1.
                            new FlowRuleBatch(sw.dpid(), adds(sw.dpid(), 10, 3, 1)),
                            new FlowRuleBatch(gone, adds(gone, 20, 3, 0)),
                            new FlowRuleBatch(sw.dpid(), adds(gone, 30, 3, 0)),
                            new FlowRuleBatch(sw.dpid(), adds(sw.dpid(), 40, 3, 0)));

            List<CompletableFuture<BatchResult>> done =
                    bed.controller.flowRuleService().applyAll(burst);

            assertThat(result(done.get(0)).ok()).isTrue();
            assertThat(failure(done.get(1)))
                    .isInstanceOfAny(
                            IllegalArgumentException.class, UnsupportedOperationException.class);
            assertThat(failure(done.get(2))).isInstanceOf(DeviceNotConnectedException.class);
            assertThat(failure(done.get(3)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("in a batch for");
            assertThat(result(done.get(4)).ok()).isTrue();
            assertThat(ours(sw)).containsExactlyInAnyOrderElementsOf(rules(burst, 0, 4));
            assertThat(sw.counters().barriers.sum() - barriers)
                    .as("nothing of the failed batches was sent")
                    .isEqualTo(2);
            assertThat(sw.counters().flowMods.sum()).isGreaterThanOrEqualTo(6);
        }
    }
}
