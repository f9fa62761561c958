package org.weft.dist.overload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.dist.WeftConfig;
import org.weft.net.MacAddress;
import org.weft.net.host.HostId;
import org.weft.net.host.HostService;

/**
 * Issue 12, scenario 5: a switch answers echoes (and everything else) but never a barrier request
 * after its handshake, so no route to it is ever confirmed, while it sends a flood of 1,000-byte
 * packet-ins from one known host to another known host on the same switch: each is a packet Weft
 * would park until the destination's route is confirmed. Parking must be bounded (rate limits,
 * request timeouts), memory too, and everything else must stay healthy.
 */
@Tag("overload")
class BarrierSilentSwitchTest {

    private static final Logger log = LoggerFactory.getLogger(BarrierSilentSwitchTest.class);

    private static final long HOSTILE = 0xbad5;
    private static final int PER_CHUNK = 50;
    private static final int FRAME_BYTES = 1_000;
    private static final long REQUEST_TIMEOUT_MS = 3_000;
    private static final MacAddress HOST_A = MacAddress.parse("0a:00:00:00:05:01");
    private static final MacAddress HOST_B = MacAddress.parse("0a:00:00:00:05:02");

    /** The flood must be big enough that parking it all would not fit in the heap. */
    private static final long MIN_PACKET_INS = 20_000;

    @Test
    void packetsParkedBehindRoutesThatAreNeverConfirmedStayBounded() throws Exception {
        WeftConfig c = OverloadBed.config();
        c.openflow.requestTimeoutMs = REQUEST_TIMEOUT_MS;
        SoftAssertions softly = new SoftAssertions();
        try (OverloadBed bed = OverloadBed.start(c);
                RawSwitch hostile =
                        bed.hostile(
                                RawSwitch.connect(
                                        bed.openflowPort(), HOSTILE, 4, "barrier-silent"))) {
            hostile.completeHandshake(Duration.ofSeconds(5));
            AtomicLong barriersIgnored = new AtomicLong();
            SwitchReader reader =
                    SwitchReader.start(
                            hostile,
                            Duration.ofSeconds(40),
                            m -> {
                                if (m.getType() == OFType.BARRIER_REQUEST) {
                                    barriersIgnored.incrementAndGet();
                                    return true; // never answered
                                }
                                return false;
                            });
            bed.awaitRegistered(HOSTILE, Duration.ofSeconds(5));
            ChannelWatch channel = bed.watchChannel(HOSTILE);

            hostile.send(
                    SwitchMessages.packetIn(
                            1, 1, Frames.arpRequest(HOST_A, "10.5.0.1", "10.5.0.2")));
            hostile.send(
                    SwitchMessages.packetIn(
                            2, 2, Frames.arpRequest(HOST_B, "10.5.0.2", "10.5.0.1")));
            HostService hosts = bed.weft.core().hostService();
            OverloadBed.waitUntil(
                    () ->
                            hosts.getHost(HostId.of(HOST_A, HostId.NO_VLAN)).isPresent()
                                    && hosts.getHost(HostId.of(HOST_B, HostId.NO_VLAN)).isPresent(),
                    Duration.ofSeconds(5),
                    "hosts A and B learned on the barrier-silent switch");

            byte[] chunk = packetIns();
            Flood flood =
                    Flood.start(
                            hostile,
                            "1,000-byte packet-ins from host A to host B",
                            Duration.ofSeconds(10),
                            Long.MAX_VALUE,
                            20_000_000,
                            i -> chunk,
                            PER_CHUNK);
            flood.await(Duration.ofSeconds(2));
            boolean stillConnected = bed.isConnected(HOSTILE);

            log.info(
                    "Scenario: {} packet-ins ({} MiB) toward a known host, {} barriers ignored; {};"
                            + " connected at the end: {}",
                    flood.messagesSent(),
                    flood.bytesSent() / MemoryWatch.MIB,
                    barriersIgnored.get(),
                    channel,
                    stillConnected);

            bed.finish(Duration.ofSeconds(2), softly);

            softly.assertThat(barriersIgnored.get())
                    .as("barrier requests Weft sent the switch after its handshake (unanswered)")
                    .isPositive();
            softly.assertThat(flood.messagesSent())
                    .as(
                            "packet-ins toward the known host the switch got to send (ended by %s)",
                            flood.endReason())
                    .isGreaterThanOrEqualTo(MIN_PACKET_INS);
            softly.assertThat(channel.maxRequestTimeouts())
                    .as(
                            "requests (barriers) that timed out after requestTimeoutMs %d"
                                    + " (connected at the end: %s; %s)",
                            REQUEST_TIMEOUT_MS, stillConnected, channel)
                    .isPositive();
            reader.stopAndJoin();
        }
        softly.assertAll();
    }

    /** 50 packet-ins of 1,000-byte UDP frames from host A (port 1) to host B (port 2). */
    private static byte[] packetIns() {
        byte[] frame = Frames.ipv4Udp(HOST_A, HOST_B, "10.5.0.1", "10.5.0.2", FRAME_BYTES);
        List<OFMessage> pis = new ArrayList<>();
        for (int i = 0; i < PER_CHUNK; i++) {
            pis.add(SwitchMessages.packetIn(0x5000_0000L + i, 1, frame));
        }
        return SwitchMessages.encodeAll(pis);
    }
}
