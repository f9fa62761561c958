package org.weft.dist.overload;

import com.google.common.primitives.Longs;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.dist.WeftConfig;

/**
 * Issue 12, scenario 6: after its handshake a switch sends nothing but ECHO_REPLYs with random xids
 * (and timestamp-like payloads) and never answers Weft's echo requests. A blind reply answers
 * nothing, so it must not count as a sign of life: the switch must be declared dead and
 * disconnected within echoIntervalMs x (echoMissLimit + 2).
 */
@Tag("overload")
class BlindEchoReplyTest {

    private static final Logger log = LoggerFactory.getLogger(BlindEchoReplyTest.class);

    private static final long HOSTILE = 0xbad6;
    private static final long ECHO_INTERVAL_MS = 500;
    private static final int ECHO_MISS_LIMIT = 3;
    private static final long BLIND_REPLY_EVERY_MS = 50;

    @Test
    void blindEchoRepliesDoNotKeepADeadSwitchAlive() throws Exception {
        WeftConfig c = OverloadBed.config();
        c.openflow.echoIntervalMs = ECHO_INTERVAL_MS;
        c.openflow.echoMissLimit = ECHO_MISS_LIMIT;
        long deadline = ECHO_INTERVAL_MS * (ECHO_MISS_LIMIT + 2);
        SoftAssertions softly = new SoftAssertions();
        try (OverloadBed bed = OverloadBed.start(c);
                RawSwitch hostile =
                        bed.hostile(
                                RawSwitch.connect(
                                        bed.openflowPort(), HOSTILE, 4, "blind-echo-replies"))) {
            hostile.completeHandshake(Duration.ofSeconds(5));
            AtomicLong echoRequests = new AtomicLong();
            AtomicLong ignored = new AtomicLong();
            // From here on it answers nothing at all (not even the audit's stats requests).
            SwitchReader reader =
                    SwitchReader.start(
                            hostile,
                            Duration.ofSeconds(30),
                            m -> {
                                if (m.getType() == OFType.ECHO_REQUEST) {
                                    echoRequests.incrementAndGet();
                                }
                                ignored.incrementAndGet();
                                return true;
                            });
            bed.awaitRegistered(HOSTILE, Duration.ofSeconds(5));
            long registeredAt = System.nanoTime();
            SplittableRandom random = new SplittableRandom(12);
            Flood blind =
                    Flood.paced(
                            hostile,
                            "blind ECHO_REPLYs with random xids",
                            Duration.ofSeconds(10),
                            Long.MAX_VALUE,
                            Long.MAX_VALUE,
                            i ->
                                    SwitchMessages.encode(
                                            SwitchMessages.OF13
                                                    .buildEchoReply()
                                                    // far from Weft's own small, increasing xids
                                                    .setXid(0x8000_0000L | random.nextInt(1 << 30))
                                                    .setData(Longs.toByteArray(System.nanoTime()))
                                                    .build()),
                            1,
                            BLIND_REPLY_EVERY_MS);
            boolean gone =
                    OverloadBed.eventually(() -> !bed.isConnected(HOSTILE), Duration.ofSeconds(6));
            long goneAt = System.nanoTime();
            // A disconnection after the test's memory emergency closed the socket is not Weft's.
            boolean byWeft = gone && !hostile.closedByUsBefore(goneAt);
            long goneMillis = byWeft ? (goneAt - registeredAt) / 1_000_000 : -1;
            blind.stop();
            blind.await(Duration.ofSeconds(1));

            log.info(
                    "Scenario: the blind-echo switch was disconnected {} ms after registration ({} echo"
                            + " requests from Weft ignored, {} blind replies sent)",
                    goneMillis,
                    echoRequests.get(),
                    blind.messagesSent());

            bed.finish(Duration.ofSeconds(1), softly);

            softly.assertThat(echoRequests.get())
                    .as("echo requests Weft sent the switch (never answered)")
                    .isPositive();
            softly.assertThat(blind.messagesSent())
                    .as("blind echo replies the switch sent")
                    .isGreaterThanOrEqualTo(10);
            softly.assertThat(goneMillis)
                    .as(
                            "ms from registration until Weft disconnected the switch that only"
                                    + " sends blind ECHO_REPLYs (-1: still connected after 6 s);"
                                    + " echoIntervalMs %d x (echoMissLimit %d + 2) = %d",
                            ECHO_INTERVAL_MS, ECHO_MISS_LIMIT, deadline)
                    .isBetween(0L, deadline);
            reader.stopAndJoin();
        }
        softly.assertAll();
    }
}
