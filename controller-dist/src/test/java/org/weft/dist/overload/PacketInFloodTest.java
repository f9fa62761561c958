package org.weft.dist.overload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.dist.WeftConfig;
import org.weft.net.MacAddress;
import org.weft.net.device.ChannelStats;

/**
 * Issue 12, scenario 4: one switch sends 100,000 packet-ins as fast as its socket takes (a host
 * talking to an unknown destination: each one would be learned from, flooded and probed). Weft must
 * admit what its per-switch token bucket allows, drop and count the rest before parsing, and
 * account for every one of them, while everything else stays healthy.
 */
@Tag("overload")
class PacketInFloodTest {

    private static final Logger log = LoggerFactory.getLogger(PacketInFloodTest.class);

    private static final long HOSTILE = 0xbad4;
    private static final int PACKET_INS = 100_000;
    private static final int PER_CHUNK = 1_000;

    @Test
    void aHundredThousandPacketInsAreRateLimitedAndCounted() throws Exception {
        WeftConfig c = OverloadBed.config();
        SoftAssertions softly = new SoftAssertions();
        try (OverloadBed bed = OverloadBed.start(c);
                RawSwitch hostile =
                        bed.hostile(
                                RawSwitch.connect(
                                        bed.openflowPort(), HOSTILE, 4, "packet-in-flood"))) {
            hostile.completeHandshake(Duration.ofSeconds(5));
            SwitchReader reader = SwitchReader.polite(hostile, Duration.ofSeconds(40));
            bed.awaitRegistered(HOSTILE, Duration.ofSeconds(5));
            ChannelWatch channel = bed.watchChannel(HOSTILE);
            bed.awaitConnectPass(HOSTILE, Duration.ofSeconds(10)); // its audit is answered

            byte[] chunk = packetIns();
            Flood flood =
                    Flood.start(
                            hostile,
                            "packet-ins",
                            Duration.ofSeconds(20),
                            Long.MAX_VALUE,
                            PACKET_INS,
                            i -> chunk,
                            PER_CHUNK);
            flood.await(Duration.ofSeconds(2));
            double floodSeconds = (flood.endNanos() - flood.startNanos()) / 1e9;
            // Weft may still be working through what is queued in the socket: wait for the count.
            boolean accounted =
                    OverloadBed.eventually(
                            () ->
                                    channel.sampleOnce()
                                                    .map(
                                                            s ->
                                                                    s.packetInsAdmitted()
                                                                            + s.packetInsDropped())
                                                    .orElse(0L)
                                            >= PACKET_INS,
                            Duration.ofSeconds(8));
            // Weft read the packet-ins at most between the flood's start and now.
            double readWindow = (System.nanoTime() - flood.startNanos()) / 1e9;
            ChannelStats stats = channel.last();
            boolean stillConnected = bed.isConnected(HOSTILE);

            log.info(
                    "Scenario: {} packet-ins in {} s, all counted: {}; {}; connected at the end: {}",
                    flood.messagesSent(),
                    String.format("%.2f", floodSeconds),
                    accounted,
                    channel,
                    stillConnected);

            bed.finish(Duration.ofSeconds(1), softly);

            softly.assertThat(flood.messagesSent())
                    .as(
                            "packet-ins the flooding switch got to send (ended by %s)",
                            flood.endReason())
                    .isEqualTo(PACKET_INS);
            softly.assertThat(stats)
                    .as(
                            "channelStats of the flooding switch (connected at the end: %s; %s)",
                            stillConnected, channel)
                    .isNotNull();
            if (stats != null) {
                softly.assertThat(stats.packetInsAdmitted() + stats.packetInsDropped())
                        .as("packet-ins admitted + dropped (%s; all counted: %s)", stats, accounted)
                        .isEqualTo(PACKET_INS);
                softly.assertThat(stats.packetInsDropped())
                        .as(
                                "packet-ins dropped: %d sent in %.2f s is far over %s/s with a"
                                        + " burst of %d",
                                PACKET_INS,
                                floodSeconds,
                                c.packetIn.ratePerSwitch,
                                c.packetIn.burst)
                        .isPositive();
                double window = readWindow + 1;
                long mostAdmitted =
                        (long)
                                (c.packetIn.burst
                                        + c.packetIn.ratePerSwitch * window
                                        + c.packetIn.reservedBurst
                                        + c.packetIn.reservedRatePerSwitch * window);
                softly.assertThat(stats.packetInsAdmitted())
                        .as(
                                "packet-ins admitted: at most burst + rate x %.2f s (+ the"
                                        + " reserve)",
                                window)
                        .isLessThanOrEqualTo(mostAdmitted);
            }
            reader.stopAndJoin();
        }
        softly.assertAll();
    }

    /** 1,000 packet-ins of a host on port 1 sending UDP to an unknown host. */
    private static byte[] packetIns() {
        byte[] frame =
                Frames.ipv4Udp(
                        MacAddress.parse("0a:00:00:00:04:01"),
                        MacAddress.parse("0a:00:00:00:04:99"),
                        "10.4.0.1",
                        "10.4.0.99",
                        64);
        List<OFMessage> pis = new ArrayList<>();
        for (int i = 0; i < PER_CHUNK; i++) {
            pis.add(SwitchMessages.packetIn(0x4000_0000L + i, 1, frame));
        }
        return SwitchMessages.encodeAll(pis);
    }
}
