package org.weft.dist.overload;

import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.dist.WeftConfig;

/**
 * Issue 12, scenario 1: a switch answers the handshake's PORT_DESC request with an endless stream
 * of OFPortDescStatsReply parts, each flagged REPLY_MORE and carrying 1,000 new ports, written as
 * fast as the socket takes. Weft must stop accumulating at its multipart limits and drop the
 * connection well before the handshake timer would, while everything else stays healthy.
 */
@Tag("overload")
class EndlessPortDescTest {

    private static final Logger log = LoggerFactory.getLogger(EndlessPortDescTest.class);

    private static final long HOSTILE = 0xbad1;
    private static final int PORTS_PER_PART = 1_000;

    /** Offset of the first port in an OF1.3 multipart reply, and the size of one port. */
    private static final int FIRST_PORT = 16;

    private static final int PORT_LEN = 64;

    /** Longer than the scenario: the handshake timer must not be what ends it. */
    private static final long HANDSHAKE_TIMEOUT_MS = 30_000;

    /** Weft must have cut the switch off this long after its first part at the latest. */
    private static final Duration CUT_OFF = Duration.ofSeconds(5);

    @Test
    void endlessPortDescRepliesDuringTheHandshakeAreCutOff() throws Exception {
        WeftConfig c = OverloadBed.config();
        c.openflow.handshakeTimeoutMs = HANDSHAKE_TIMEOUT_MS;
        SoftAssertions softly = new SoftAssertions();
        try (OverloadBed bed = OverloadBed.start(c);
                RawSwitch hostile =
                        bed.hostile(
                                RawSwitch.connect(
                                        bed.openflowPort(), HOSTILE, 4, "endless-port-desc"))) {
            hostile.sendHello();
            OFMessage req =
                    hostile.awaitMessage(
                            m -> m instanceof OFPortDescStatsRequest, Duration.ofSeconds(5));
            byte[] part = template(hostile, req.getXid());
            checkRenumbering(part);
            SwitchReader reader = SwitchReader.polite(hostile, Duration.ofSeconds(30));
            Flood flood =
                    Flood.start(
                            hostile,
                            "PORT_DESC reply parts flagged REPLY_MORE",
                            Duration.ofSeconds(12),
                            2L << 30,
                            Long.MAX_VALUE,
                            i -> renumber(part, i),
                            1);
            flood.await(Duration.ofSeconds(2));
            boolean cutOff = OverloadBed.eventually(hostile::peerClosed, Duration.ofSeconds(1));
            long cutOffMillis =
                    cutOff ? (hostile.peerClosedAtNanos() - flood.startNanos()) / 1_000_000 : -1;
            boolean everRegistered = bed.everConnected(HOSTILE);

            log.info(
                    "Scenario: {} PORT_DESC parts ({} MiB) written, flood ended by {}; Weft closed the"
                            + " connection: {} ({} ms after the first part)",
                    flood.messagesSent(),
                    flood.bytesSent() / MemoryWatch.MIB,
                    flood.endReason(),
                    cutOff,
                    cutOffMillis);

            bed.finish(Duration.ofSeconds(1), softly);

            softly.assertThat(flood.bytesSent())
                    .as(
                            "bytes of PORT_DESC parts the hostile switch got to write (%d parts):"
                                    + " must exceed maxMultipartBytes, else the limit was never"
                                    + " tested",
                            flood.messagesSent())
                    .isGreaterThan(c.openflow.maxMultipartBytes);
            softly.assertThat(cutOff)
                    .as(
                            "Weft closed the connection of the switch sending endless REPLY_MORE"
                                    + " parts (flood ended by: %s)",
                            flood.endReason())
                    .isTrue();
            softly.assertThat(cutOffMillis)
                    .as(
                            "ms from the first part until Weft closed the connection (handshake"
                                    + " timeout is %d ms; maxMultipartParts %d, maxMultipartBytes"
                                    + " %d)",
                            HANDSHAKE_TIMEOUT_MS,
                            c.openflow.maxMultipartParts,
                            c.openflow.maxMultipartBytes)
                    .isBetween(0L, CUT_OFF.toMillis());
            softly.assertThat(everRegistered)
                    .as("the switch whose handshake never finished was registered")
                    .isFalse();
            reader.stopAndJoin();
        }
        softly.assertAll();
    }

    /** One part: 1,000 ports, REPLY_MORE, the request's xid; its port numbers change per part. */
    private static byte[] template(RawSwitch sw, long xid) {
        List<OFPortDesc> ports = new ArrayList<>();
        for (int p = 1; p <= PORTS_PER_PART; p++) {
            ports.add(SwitchMessages.portDesc(sw.dpid, p));
        }
        return SwitchMessages.encode(
                SwitchMessages.OF13
                        .buildPortDescStatsReply()
                        .setXid(xid)
                        .setFlags(EnumSet.of(OFStatsReplyFlags.REPLY_MORE))
                        .setEntries(ports)
                        .build());
    }

    /** The in-place renumbering must produce valid parts (a fault of this test otherwise). */
    private static void checkRenumbering(byte[] part) throws Exception {
        byte[] copy = renumber(part.clone(), 1);
        OFPortDescStatsReply r =
                (OFPortDescStatsReply)
                        OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(copy));
        if (r.getEntries().size() != PORTS_PER_PART
                || r.getEntries().get(0).getPortNo().getPortNumber() != PORTS_PER_PART + 1
                || !r.getFlags().contains(OFStatsReplyFlags.REPLY_MORE)) {
            throw new IllegalStateException("renumbered PORT_DESC part does not decode right");
        }
    }

    /** Part {@code i}: ports numbered from {@code 1 + i * 1000} (in place, written at once). */
    private static byte[] renumber(byte[] part, long i) {
        long first = 1 + (i * PORTS_PER_PART) % 0x7fff_0000L;
        for (int p = 0; p < PORTS_PER_PART; p++) {
            int at = FIRST_PORT + p * PORT_LEN;
            long n = first + p;
            part[at] = (byte) (n >>> 24);
            part[at + 1] = (byte) (n >>> 16);
            part[at + 2] = (byte) (n >>> 8);
            part[at + 3] = (byte) n;
        }
        return part;
    }
}
