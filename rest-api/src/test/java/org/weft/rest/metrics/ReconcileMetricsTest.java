package org.weft.rest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.flow.BatchFailureListener;
import org.weft.net.flow.FlowRuleCounters;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.reconcile.PassReport;
import org.weft.net.reconcile.ReconcileService;
import org.weft.net.reconcile.ReconcileStats;
import org.weft.net.reconcile.SyncState;

/** Flow-mod failures and the reconciler's work, as Prometheus sees them. */
class ReconcileMetricsTest {

    private final WeftMetrics metrics = new WeftMetrics();

    /** Counters the test sets. */
    private static final class FakeCounters implements FlowRuleCounters {
        final Map<Dpid, Map<String, Long>> failures = new ConcurrentHashMap<>();

        @Override
        public long flowModsSent() {
            return 12;
        }

        @Override
        public long groupModsSent() {
            return 3;
        }

        @Override
        public long packetOutsSent() {
            return 7;
        }

        @Override
        public Map<Dpid, Map<String, Long>> flowModFailures() {
            return failures;
        }

        @Override
        public int failedBatchesLastMinute() {
            return 0;
        }

        @Override
        public void addFailureListener(BatchFailureListener listener) {}
    }

    /** A reconciler whose counters and diverged switches the test sets. */
    private static final class FakeReconciler implements ReconcileService {
        final AtomicReference<ReconcileStats> stats =
                new AtomicReference<>(new ReconcileStats(0, 0, 0, 0, 0, 0, false, 0, 0, 0));
        volatile Set<Dpid> diverged = Set.of();

        @Override
        public void register(IntentSource source) {}

        @Override
        public CompletableFuture<PassReport> reconcile(Dpid dpid) {
            return new CompletableFuture<>();
        }

        @Override
        public SyncState state(Dpid dpid) {
            return SyncState.UNKNOWN;
        }

        @Override
        public Set<Dpid> divergedSwitches() {
            return diverged;
        }

        @Override
        public ReconcileStats stats() {
            return stats.get();
        }

        @Override
        public org.weft.net.reconcile.SwitchEntries intended(Dpid dpid) {
            org.weft.net.reconcile.SwitchEntries all = org.weft.net.reconcile.SwitchEntries.EMPTY;
            return all;
        }

        @Override
        public Set<Integer> ownedApps() {
            return Set.of();
        }
    }

    @Test
    void flowModFailuresAreCountedBySwitchAndReason() {
        FakeCounters counters = new FakeCounters();
        metrics.watchFlowMods(counters);
        assertThat(metrics.scrape())
                .contains("weft_flow_mods_total 12.0")
                .contains("weft_group_mods_total 3.0")
                .contains("weft_packet_outs_total 7.0")
                .doesNotContain("weft_flow_mod_failures_total{");

        counters.failures.put(Dpid.of(1), Map.of("FLOW_MOD_FAILED/TABLE_FULL", 3L));
        counters.failures.put(Dpid.of(2), Map.of("TIMEOUT", 1L));
        String text = metrics.scrape();
        assertThat(text)
                .contains(
                        "weft_flow_mod_failures_total{dpid=\"00:00:00:00:00:00:00:01\","
                                + "reason=\"FLOW_MOD_FAILED/TABLE_FULL\"} 3.0")
                .contains(
                        "weft_flow_mod_failures_total{dpid=\"00:00:00:00:00:00:00:02\","
                                + "reason=\"TIMEOUT\"} 1.0");

        counters.failures.put(Dpid.of(1), Map.of("FLOW_MOD_FAILED/TABLE_FULL", 5L));
        assertThat(metrics.scrape())
                .contains(
                        "weft_flow_mod_failures_total{dpid=\"00:00:00:00:00:00:00:01\","
                                + "reason=\"FLOW_MOD_FAILED/TABLE_FULL\"} 5.0");
    }

    @Test
    void reconcilePassesFailuresRepairsAndDivergedSwitchesArePublished() {
        FakeReconciler reconciler = new FakeReconciler();
        metrics.watchReconciler(reconciler);
        reconciler.stats.set(new ReconcileStats(40, 3, 17, 2, 1, 6, true, 4, 9, 0));
        reconciler.diverged = Set.of(Dpid.of(1), Dpid.of(4));

        assertThat(metrics.scrape())
                .contains("weft_reconcile_passes_total 40.0")
                .contains("weft_reconcile_failed_passes_total 3.0")
                .contains("weft_reconcile_repairs_total 17.0")
                .contains("weft_reconcile_held_back_total 6.0")
                .contains("weft_reconcile_put_off_total 4.0")
                .contains("weft_reconcile_events_folded_total 9.0")
                .contains("weft_reconcile_settling 1.0")
                .contains("weft_diverged_switches 2.0");

        reconciler.stats.set(new ReconcileStats(41, 3, 23, 0, 0, 6, false, 5, 9, 0));
        assertThat(metrics.scrape()).contains("weft_reconcile_settling 0.0");
    }
}
