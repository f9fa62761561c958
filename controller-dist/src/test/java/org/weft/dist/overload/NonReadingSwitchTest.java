package org.weft.dist.overload;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.dist.WeftConfig;
import org.weft.net.Dpid;

/**
 * Issue 12, scenario 3: a switch completes its handshake, then never reads its socket again while
 * it keeps sending ECHO_REQUESTs with 60 KB payloads (each one an echo reply Weft has to queue) and
 * Weft has flow-mods for it (static flows posted through REST). Weft must stop reading it once its
 * queue is over the high mark, and disconnect it when the queue stays there for
 * writeStallTimeoutMs, with memory bounded all along.
 */
@Tag("overload")
class NonReadingSwitchTest {

    private static final Logger log = LoggerFactory.getLogger(NonReadingSwitchTest.class);

    private static final long HOSTILE = 0xbad3;
    private static final int ECHO_PAYLOAD = 60_000;
    private static final int ECHOES_PER_CHUNK = 16;
    private static final long WRITE_STALL_TIMEOUT_MS = 2_000;

    /** From the moment it stops reading, Weft must have dropped the switch within this. */
    private static final Duration DISCONNECT_WITHIN = Duration.ofSeconds(8);

    /** Once Weft stops reading, the switch cannot write much more than the socket buffers. */
    private static final long MAX_WRITTEN = 128 * MemoryWatch.MIB;

    @Test
    void aSwitchThatNeverReadsIsThrottledThenDisconnected() throws Exception {
        WeftConfig c = OverloadBed.config();
        c.openflow.writeStallTimeoutMs = WRITE_STALL_TIMEOUT_MS;
        // Keepalive must not be what ends it: three missed 10 s rounds take far longer.
        c.openflow.echoIntervalMs = 10_000;
        SoftAssertions softly = new SoftAssertions();
        try (OverloadBed bed = OverloadBed.start(c);
                RawSwitch hostile =
                        bed.hostile(
                                RawSwitch.connect(bed.openflowPort(), HOSTILE, 4, "never-reads"))) {
            hostile.completeHandshake(Duration.ofSeconds(5));
            SwitchReader reader = SwitchReader.polite(hostile, Duration.ofSeconds(10));
            bed.awaitRegistered(HOSTILE, Duration.ofSeconds(5));
            ChannelWatch channel = bed.watchChannel(HOSTILE);
            bed.awaitConnectPass(HOSTILE, Duration.ofSeconds(10)); // its audit is answered
            reader.stopAndJoin();
            long stoppedReading = System.nanoTime();

            List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                posts.add(
                        bed.rest.postAsync(
                                "/api/v1/flows",
                                staticFlow(Dpid.of(HOSTILE), i),
                                Duration.ofSeconds(15)));
            }
            byte[] echoes = echoRequests();
            Flood flood =
                    Flood.start(
                            hostile,
                            "60 KB ECHO_REQUESTs without ever reading",
                            Duration.ofSeconds(12),
                            1L << 30,
                            Long.MAX_VALUE,
                            i -> echoes,
                            ECHOES_PER_CHUNK);
            boolean gone =
                    OverloadBed.eventually(() -> !bed.isConnected(HOSTILE), Duration.ofSeconds(13));
            long goneAt = System.nanoTime();
            // A disconnection after the test's memory emergency closed the socket is not Weft's.
            boolean byWeft = gone && !hostile.closedByUsBefore(goneAt);
            long goneMillis = byWeft ? (goneAt - stoppedReading) / 1_000_000 : -1;
            flood.stop();
            flood.await(Duration.ofSeconds(1));
            List<String> postAnswers = answers(posts);

            log.info(
                    "Scenario: Weft disconnected the non-reading switch {} ms after its last read"
                            + " ({} echo requests, {} MiB written, flood ended by {}); {}; static flow"
                            + " answers {}",
                    goneMillis,
                    flood.messagesSent(),
                    flood.bytesSent() / MemoryWatch.MIB,
                    flood.endReason(),
                    channel,
                    postAnswers);

            bed.finish(Duration.ofSeconds(1), softly);

            softly.assertThat(flood.bytesSent())
                    .as(
                            "bytes of echo requests the switch wrote (%d requests): Weft must"
                                    + " have had more echo replies to queue than"
                                    + " writeBufferHighBytes",
                            flood.messagesSent())
                    .isGreaterThan(c.openflow.writeBufferHighBytes);
            softly.assertThat(flood.bytesSent())
                    .as(
                            "bytes the non-reading switch could write (%d echo requests): Weft"
                                    + " kept reading it instead of stopping at"
                                    + " writeBufferHighBytes %d",
                            flood.messagesSent(), c.openflow.writeBufferHighBytes)
                    .isLessThan(MAX_WRITTEN);
            softly.assertThat(goneMillis)
                    .as(
                            "ms from the switch's last read until Weft disconnected it (-1: it did"
                                    + " not, or the test closed it first; writeStallTimeoutMs %d;"
                                    + " flood ended by: %s)",
                            WRITE_STALL_TIMEOUT_MS, flood.endReason())
                    .isBetween(0L, DISCONNECT_WITHIN.toMillis());
            softly.assertThat(channel.presentSamples())
                    .as("channelStats(%s) offered while the switch was connected", "0xbad3")
                    .isPositive();
            softly.assertThat(channel.maxReadSuspensions())
                    .as("times Weft stopped reading the switch (%s)", channel)
                    .isPositive();
            softly.assertThat(channel.maxOutboundBytes())
                    .as("bytes Weft queued for the switch at most (%s)", channel)
                    .isLessThanOrEqualTo(c.openflow.maxOutboundBytes);
            softly.assertThat(postAnswers)
                    .as("answers to the static flows posted for the switch (flow-mods it owes)")
                    .hasSize(3)
                    .noneMatch(a -> a.startsWith("400") || a.startsWith("401"));
        }
        softly.assertAll();
    }

    /** A drop rule for the switch, distinct per {@code i}. */
    private static String staticFlow(Dpid dpid, int i) {
        return String.format(
                "{\"dpid\":\"%s\",\"priority\":%d,\"match\":{\"ethSrc\":\"0a:00:00:00:00:%02x\"},"
                        + "\"actions\":[]}",
                dpid, 100 + i, i);
    }

    /** 16 echo requests of 60 KB each, in one array. */
    private static byte[] echoRequests() {
        List<OFMessage> echoes = new ArrayList<>();
        byte[] payload = new byte[ECHO_PAYLOAD];
        for (int i = 0; i < ECHOES_PER_CHUNK; i++) {
            echoes.add(
                    SwitchMessages.OF13
                            .buildEchoRequest()
                            .setXid(0x5000_0000L + i)
                            .setData(payload)
                            .build());
        }
        return SwitchMessages.encodeAll(echoes);
    }

    private static List<String> answers(List<CompletableFuture<HttpResponse<String>>> posts)
            throws InterruptedException {
        OverloadBed.eventually(
                () -> posts.stream().allMatch(CompletableFuture::isDone), Duration.ofSeconds(5));
        List<String> out = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> p : posts) {
            if (!p.isDone()) {
                out.add("no answer yet");
            } else if (p.isCompletedExceptionally()) {
                out.add("failed: " + p.handle((r, e) -> String.valueOf(e)).join());
            } else {
                out.add(p.join().statusCode() + " " + p.join().body());
            }
        }
        return out;
    }
}
