package org.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.OpenFlowVersion;

/**
 * Latency mode against a scripted slow controller on a plain socket that answers a switch's
 * packet-ins in the order they came, all only after the stall refill: the hosts' announcements, the
 * packet-in given up on, then (after a hold) the one outstanding. Only that last answer is timed,
 * from the refill's packet-in; the others are counted as unpaired or late. (Paired by destination
 * MAC, the announcements' answers were timed against the packet-ins sent right before them, host
 * after host.)
 */
class LatencyPairingTest {

    private static final OFFactory OF10 = OFFactories.getFactory(OFVersion.OF_10);
    private static final int HOSTS = 4;
    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long HOLD_MS = 100;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anAnswerAfterAStallRefillIsTimedOnlyAgainstItsOwnPacketIn() throws Exception {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmulatedSwitch sw =
                    EmulatedSwitch.builder(9)
                            .version(OpenFlowVersion.OF_10)
                            .ports(2)
                            .record(false)
                            .eventLoop(group)
                            .build();
            Recorder recorder = new Recorder(3);
            LoadCounts counts = new LoadCounts();
            LoadSwitch ls =
                    new LoadSwitch(sw, HostFrames.forSwitch(0, HOSTS, 2), 1, recorder, counts);
            sw.connect("127.0.0.1", server.getLocalPort()).get(10, TimeUnit.SECONDS);
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                Wire wire = new Wire(s);
                assertThat(wire.read().getType()).isEqualTo(OFType.HELLO);
                wire.send(OF10.buildHello().setXid(1).build());
                wire.send(OF10.buildFeaturesRequest().setXid(2).build());
                wire.readUntil(OFType.FEATURES_REPLY);

                ls.announceHosts();
                List<OFPacketIn> announced = new ArrayList<>();
                for (int h = 0; h < HOSTS; h++) {
                    announced.add(wire.readPacketIn());
                }
                ls.start();
                OFPacketIn givenUp = wire.readPacketIn();
                assertThat(stamp(givenUp)).isEqualTo(1);
                ls.checkStall(System.nanoTime() + 2 * STALL_NANOS, STALL_NANOS);
                OFPacketIn outstanding = wire.readPacketIn();
                assertThat(stamp(outstanding)).as("the refill's packet-in").isEqualTo(2);

                // The slow controller answers, in order, everything it was sent.
                for (OFPacketIn pi : announced) {
                    wire.send(answer(pi));
                }
                wire.send(answer(givenUp));
                Thread.sleep(HOLD_MS);
                wire.send(answer(outstanding));
                wire.send(OF10.buildBarrierRequest().setXid(99).build());
                List<OFPacketIn> next = wire.readUntil(OFType.BARRIER_REPLY);
                ls.stop();

                Histogram h = recorder.getIntervalHistogram();
                assertThat(h.getTotalCount()).as("answers timed").isEqualTo(1);
                assertThat(h.getMinValue())
                        .as("timed from the refill's packet-in, answered after the hold")
                        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(HOLD_MS));
                assertThat(next).extracting(LatencyPairingTest::stamp).containsExactly(3L);
                assertThat(counts.stalls.sum()).isEqualTo(1);
                assertThat(counts.late.sum()).as("the packet-in given up on").isEqualTo(1);
                assertThat(counts.unpaired.sum()).as("the announcements").isEqualTo(HOSTS);
                assertThat(ls.answers()).as("timed and late").isEqualTo(2);
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    /** A learning switch's answer to an unbuffered packet-in: the frame sent out of a port. */
    private static OFMessage answer(OFPacketIn pi) {
        return OF10.buildPacketOut()
                .setBufferId(OFBufferId.NO_BUFFER)
                .setInPort(OFPort.CONTROLLER)
                .setActions(List.of(OF10.actions().output(OFPort.of(2), 0)))
                .setData(pi.getData())
                .build();
    }

    /** The bench stamp at the end of a packet-in's frame (0: unstamped). */
    private static long stamp(OFPacketIn pi) {
        byte[] d = pi.getData();
        return ByteBuffer.wrap(d).getLong(d.length - Answers.STAMP_BYTES);
    }

    /** The scripted controller's end of the connection. */
    private static final class Wire extends ScriptedWire {
        Wire(Socket s) throws IOException {
            super(s);
        }

        /** The packet-ins read before a message of {@code type} (other messages skipped). */
        List<OFPacketIn> readUntil(OFType type) throws IOException, OFParseError {
            List<OFPacketIn> packetIns = new ArrayList<>();
            for (OFMessage m = read(); m.getType() != type; m = read()) {
                if (m instanceof OFPacketIn pi) {
                    packetIns.add(pi);
                }
            }
            return packetIns;
        }

        OFPacketIn readPacketIn() throws IOException, OFParseError {
            for (OFMessage m = read(); ; m = read()) {
                if (m instanceof OFPacketIn pi) {
                    return pi;
                }
            }
        }
    }
}
