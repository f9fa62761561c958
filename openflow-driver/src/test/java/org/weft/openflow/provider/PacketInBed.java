package org.weft.openflow.provider;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.Arrays;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.weft.openflow.OfConfig;
import org.weft.openflow.OfLimits;
import org.weft.openflow.channel.OfSwitchRegistry;
import org.weft.openflow.channel.SwitchScript;

/**
 * A scripted switch (DPID 0x2a, 4 ports) connected to a packet service and a flow service, for
 * tests that send it bursts of packet-ins ({@link #packetIns}).
 */
record PacketInBed(SwitchScript script, OfPacketManager packets, OfFlowRuleManager flows)
        implements AutoCloseable {

    /** A connected switch, its services on {@code workers}. */
    static PacketInBed connect(OFVersion v, PacketInWorkers workers) {
        OfSwitchRegistry registry = new OfSwitchRegistry(Duration.ofSeconds(1));
        // The script's clock stands still: a bucket as large as the tests' packet-ins admits all.
        OfConfig config = OfConfig.defaults();
        config =
                config.withLimits(
                        config.limits()
                                .withPacketIns(
                                        new OfLimits.PacketInLimits(1e6, 1_000_000, 1_000, 200)));
        SwitchScript s = SwitchScript.connect(config, registry);
        OfFlowRuleManager flows = new OfFlowRuleManager(registry);
        OfPacketManager packets = new OfPacketManager(registry, flows, workers);
        s.handshake(v, 0x2a, 4);
        s.frames();
        return new PacketInBed(s, packets, flows);
    }

    /**
     * {@code n} unbuffered 60-byte packet-ins from port 1, frame {@code i}'s bytes all {@code i}.
     */
    static ByteBuf packetIns(OFFactory f, int n) {
        ByteBuf b = Unpooled.buffer();
        for (int i = 0; i < n; i++) {
            byte[] frame = new byte[60];
            Arrays.fill(frame, (byte) i);
            var pi =
                    f.buildPacketIn()
                            .setXid(i)
                            .setBufferId(OFBufferId.NO_BUFFER)
                            .setReason(OFPacketInReason.NO_MATCH)
                            .setData(frame);
            if (f.getVersion() == OFVersion.OF_10) {
                pi.setInPort(OFPort.of(1));
            } else {
                pi.setTableId(TableId.ZERO)
                        .setCookie(U64.ZERO)
                        .setMatch(
                                f.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1)).build());
            }
            pi.build().writeTo(b);
        }
        return b;
    }

    @Override
    public void close() {
        script.close();
    }
}
