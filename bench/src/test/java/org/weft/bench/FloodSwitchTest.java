package org.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFGetConfigReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.OpenFlowVersion;

/**
 * A flooding switch against a scripted controller on a plain socket: it answers the handshake
 * messages (features, GET_CONFIG, DESC stats, echo, barrier), sends no packet-in before its
 * FEATURES_REPLY and floods right after it, stops writing while the controller does not read
 * (bounded queue, no busy loop), counts flow-mods and packet-outs apart from LLDP probes, takes the
 * first of them as the handshake's end, and records the controller closing the connection.
 */
class FloodSwitchTest {

    private static final OFFactory OF10 = OFFactories.getFactory(OFVersion.OF_10);

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void floodsFromTheFeaturesReplyAndAnswersTheHandshake() throws Exception {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmulatedSwitch sw =
                    EmulatedSwitch.builder(7)
                            .version(OpenFlowVersion.OF_10)
                            .ports(2)
                            .record(false)
                            .eventLoop(group)
                            .build();
            FloodSwitch fs =
                    new FloodSwitch(
                            sw, PacketIns.of(HostFrames.forSwitch(0, 10, 2)), 64 * 1024, 64 * 1024);
            fs.connect("127.0.0.1", server.getLocalPort(), System.nanoTime())
                    .get(10, TimeUnit.SECONDS);
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                Wire wire = new Wire(s);
                assertThat(wire.read().getType()).isEqualTo(OFType.HELLO);
                wire.send(OF10.buildHello().setXid(1).build());
                wire.send(OF10.buildFeaturesRequest().setXid(2).build());
                assertThat(wire.read().getType())
                        .as("nothing, no packet-in, before the features reply")
                        .isEqualTo(OFType.FEATURES_REPLY);
                assertThat(wire.read().getType()).isEqualTo(OFType.PACKET_IN);

                wire.send(OF10.buildGetConfigRequest().setXid(3).build());
                wire.send(OF10.buildDescStatsRequest().setXid(4).build());
                wire.send(OF10.buildEchoRequest().setXid(5).setData(new byte[] {1}).build());
                wire.send(OF10.buildBarrierRequest().setXid(6).build());
                List<OFMessage> replies =
                        wire.readUntil(
                                Set.of(
                                        OFType.GET_CONFIG_REPLY,
                                        OFType.STATS_REPLY,
                                        OFType.ECHO_REPLY,
                                        OFType.BARRIER_REPLY));
                assertThat(replies).extracting(OFMessage::getXid).containsExactly(3L, 4L, 5L, 6L);
                assertThat(((OFGetConfigReply) replies.get(0)).getMissSendLen()).isEqualTo(128);

                // The controller stops reading: the switch fills its buffers and stops writing.
                awaitTrue(() -> stoppedCount(sw, fs) >= 0);
                long sent = stoppedCount(sw, fs);
                assertThat(sent).as("the channel stays unwritable while unread").isNotNegative();
                assertThat(fs.packetInsSent()).as("writing stopped while unread").isEqualTo(sent);
                assertThat(fs.packetInsSent() * 60)
                        .as("bounded by the queue and the socket buffers")
                        .isLessThan(64L << 20);

                wire.send(
                        OF10.buildFlowAdd()
                                .setXid(7)
                                .setMatch(
                                        OF10.buildMatch()
                                                .setExact(
                                                        MatchField.ETH_DST,
                                                        MacAddress.of(HostFrames.mac(0, 1).value()))
                                                .build())
                                .build());
                wire.send(packetOut(8, HostFrames.forSwitch(0, 10, 2).frame(0)));
                wire.send(packetOut(9, lldpFrame()));
                // A flow-mod releasing a buffered packet answers alone.
                wire.send(OF10.buildFlowAdd().setXid(10).setBufferId(OFBufferId.of(5)).build());
                wire.drainUntil(() -> fs.result().flowMods() == 2 && fs.result().probes() == 1);

                FloodSwitchResult r = fs.result();
                assertThat(r.answers())
                        .as("the pair once, the buffered flow-mod once")
                        .isEqualTo(2);
                assertThat(r.flowMods()).isEqualTo(2);
                assertThat(r.packetOuts()).isEqualTo(1);
                assertThat(r.probes()).isEqualTo(1);
                assertThat(r.featuresMs()).isNotNegative();
                assertThat(r.barrierMs()).isGreaterThanOrEqualTo(r.featuresMs());
                assertThat(r.handshakeMs()).isGreaterThanOrEqualTo(r.barrierMs());
                assertThat(r.disconnected()).isFalse();
            }
            awaitTrue(() -> fs.result().disconnected());
            fs.close();
            assertThat(fs.result().closedMs()).isPositive();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    private static OFMessage packetOut(long xid, byte[] frame) {
        return OF10.buildPacketOut()
                .setXid(xid)
                .setBufferId(OFBufferId.NO_BUFFER)
                .setInPort(OFPort.CONTROLLER)
                .setActions(List.of(OF10.actions().output(OFPort.FLOOD, 0)))
                .setData(frame)
                .build();
    }

    private static byte[] lldpFrame() {
        byte[] f = new byte[60];
        f[12] = (byte) 0x88;
        f[13] = (byte) 0xcc;
        return f;
    }

    /**
     * The packet-ins sent, if two turns in a row of the switch's event loop (where it writes) find
     * its channel unwritable and the count unchanged; -1 otherwise.
     */
    private static long stoppedCount(EmulatedSwitch sw, FloodSwitch fs) {
        Channel ch = sw.wire().channel();
        Callable<Long> look = () -> ch.isWritable() ? -1L : fs.packetInsSent();
        try {
            long first = ch.eventLoop().submit(look).get(10, TimeUnit.SECONDS);
            long second = ch.eventLoop().submit(look).get(10, TimeUnit.SECONDS);
            return first >= 0 && first == second ? first : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the switch's event loop did not answer", e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** The scripted controller's end of the connection. */
    private static final class Wire extends ScriptedWire {
        Wire(Socket s) throws IOException {
            super(s);
        }

        /** Reads past packet-ins until one message of each type came, in arrival order. */
        List<OFMessage> readUntil(Set<OFType> types) throws IOException, OFParseError {
            EnumSet<OFType> missing = EnumSet.copyOf(types);
            java.util.ArrayList<OFMessage> got = new java.util.ArrayList<>();
            while (!missing.isEmpty()) {
                OFMessage m = read();
                if (missing.remove(m.getType())) {
                    got.add(m);
                } else {
                    assertThat(m.getType()).isEqualTo(OFType.PACKET_IN);
                }
            }
            return got;
        }

        /** Reads (discarding packet-ins) until the condition holds, at most 10 s. */
        void drainUntil(BooleanSupplier condition) throws IOException, OFParseError {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!condition.getAsBoolean()) {
                assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
                assertThat(read().getType()).isEqualTo(OFType.PACKET_IN);
            }
        }
    }
}
