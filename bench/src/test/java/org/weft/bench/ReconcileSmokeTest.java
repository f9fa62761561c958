package org.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reconcile bench end to end on a k=4 fat tree (20 switches, 8 hosts), reconcile.intervalS 1:
 * full passes change nothing, and the switches whose entries were deleted behind Weft's back are
 * repaired, by the periodic passes and by a full pass. Never a performance figure.
 */
class ReconcileSmokeTest {

    @Test
    @Timeout(60)
    void passesChangeNothingAndDeletedEntriesComeBack() throws Exception {
        ReconcileRun.Options opt =
                new ReconcileRun.Options(4, 1, 2, 3, 1, 16, 200, Duration.ofSeconds(10));

        ReconcileResult r = new ReconcileRun(opt).run();

        assertThat(r.switches()).isEqualTo(20);
        assertThat(r.flows()).isPositive();
        assertThat(r.groups()).isPositive();
        assertThat(r.passes()).hasSize(2);
        for (ReconcileResult.Pass p : r.passes()) {
            assertThat(p.switchPassMillis()).hasSize(20);
            assertThat(p.changes()).as("operations sent by a pass over converged tables").isZero();
            assertThat(p.failed()).isZero();
            assertThat(p.wire().flowStatsRequests())
                    .as("flow stats requests: one per switch (every app's entries in one read)")
                    .isGreaterThanOrEqualTo(20);
            assertThat(p.wire().groupDescRequests()).isGreaterThanOrEqualTo(20);
            assertThat(p.wire().flowStatsReplyBytes()).isPositive();
        }
        assertThat(r.repairs()).hasSize(2);
        for (ReconcileResult.Repair rep : r.repairs()) {
            assertThat(rep.entriesDeleted()).as(rep.how()).isPositive();
            assertThat(rep.allRepaired())
                    .as("every damaged switch repaired by %s", rep.how())
                    .isTrue();
            assertThat(rep.wire().flowMods()).as(rep.how()).isPositive();
        }
    }
}
