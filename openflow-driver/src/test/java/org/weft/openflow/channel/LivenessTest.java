package org.weft.openflow.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.weft.openflow.channel.Liveness.Verdict;

class LivenessTest {

    private static final long S = 1_000_000_000L;
    private static final long INTERVAL = 2 * S;

    private final Liveness live = new Liveness(INTERVAL, 3, 0);

    @Test
    void aBusySwitchIsNeverProbedNorDeclaredDead() {
        for (long t = 0; t < 60 * S; t += S / 10) {
            live.heard(t);
            assertThat(live.check(t)).isEqualTo(Verdict.ALIVE);
        }
    }

    @Test
    void silenceForAnIntervalSendsOneProbePerInterval() {
        assertThat(live.check(INTERVAL - 1)).isEqualTo(Verdict.ALIVE);
        assertThat(live.check(INTERVAL)).isEqualTo(Verdict.PROBE);
        live.probeSent(7, INTERVAL);
        assertThat(live.check(INTERVAL + S)).isEqualTo(Verdict.ALIVE);
        assertThat(live.check(2 * INTERVAL)).isEqualTo(Verdict.PROBE);
    }

    @Test
    void missLimitIntervalsOfSilenceKillTheSwitch() {
        live.check(INTERVAL);
        live.probeSent(1, INTERVAL);
        live.check(2 * INTERVAL);
        live.probeSent(2, 2 * INTERVAL);
        assertThat(live.check(3 * INTERVAL - 1)).isNotEqualTo(Verdict.DEAD);
        assertThat(live.check(3 * INTERVAL)).isEqualTo(Verdict.DEAD);
    }

    @Test
    void anAnswerToAnOutstandingProbeCountsAndGivesTheRoundTrip() {
        live.probeSent(42, INTERVAL);
        assertThat(live.echoReply(42, INTERVAL + 5_000)).isEqualTo(5_000);
        assertThat(live.check(INTERVAL + 5_000 + INTERVAL - 1)).isEqualTo(Verdict.ALIVE);
        assertThat(live.echoReply(42, INTERVAL + 6_000)).as("answered already").isEqualTo(-1);
    }

    @Test
    void blindEchoRepliesProveNothing() {
        live.probeSent(42, INTERVAL);
        for (long t = INTERVAL; t < 3 * INTERVAL; t += S / 100) {
            assertThat(live.echoReply(t, t)).isEqualTo(-1); // xid never ours
        }
        assertThat(live.check(3 * INTERVAL)).isEqualTo(Verdict.DEAD);
    }

    @Test
    void aLateAnswerToAnOlderProbeStillCountsAndClearsTheOlderOnes() {
        live.probeSent(1, INTERVAL);
        live.probeSent(2, 2 * INTERVAL);
        assertThat(live.echoReply(2, 2 * INTERVAL + 10)).isEqualTo(10);
        assertThat(live.echoReply(1, 2 * INTERVAL + 20)).as("older probe given up").isEqualTo(-1);
    }

    @Test
    void silenceWhileWeftDoesNotReadDoesNotCount() {
        live.pause();
        assertThat(live.check(100 * INTERVAL)).isEqualTo(Verdict.ALIVE);
        live.resume(100 * INTERVAL);
        assertThat(live.check(100 * INTERVAL + INTERVAL - 1)).isEqualTo(Verdict.ALIVE);
        assertThat(live.check(103 * INTERVAL)).isEqualTo(Verdict.DEAD);
    }

    @Test
    void resumeWithoutPauseDoesNotRestartTheSilence() {
        live.resume(2 * INTERVAL);
        assertThat(live.check(3 * INTERVAL)).isEqualTo(Verdict.DEAD);
    }
}
