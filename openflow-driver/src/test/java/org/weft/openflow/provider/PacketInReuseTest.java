package org.weft.openflow.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.packet.FastVerdict;
import org.weft.net.packet.PacketContext;
import org.weft.net.packet.PacketProcessor;
import org.weft.net.testing.Allocations;
import org.weft.openflow.channel.SwitchScript;

/**
 * A switch's packet-ins pass from the wire to the fast steps in one reused packet-in and context
 * (frames in reused arrays): nothing is allocated per packet-in, and a packet that goes on to its
 * full step takes a copy that the next packets do not overwrite.
 */
class PacketInReuseTest {

    private static final int BURST = 64;

    @ParameterizedTest
    @EnumSource(
            value = OFVersion.class,
            names = {"OF_10", "OF_13"})
    void packetInsAnsweredByTheirFastStepsAllocateNothing(OFVersion v) {
        long[] seen = {0};
        PacketProcessor handled =
                new PacketProcessor() {
                    @Override
                    public FastVerdict processFast(PacketContext ctx) {
                        seen[0] += ctx.data()[0] + 1;
                        return FastVerdict.HANDLED;
                    }

                    @Override
                    public void process(PacketContext ctx) {
                        throw new AssertionError("no full step");
                    }
                };
        try (PacketInWorkers workers = new PacketInWorkers(1, 16);
                PacketInBed bed = PacketInBed.connect(v, workers)) {
            bed.packets().addProcessor(handled, 1);
            SwitchScript s = bed.script();
            ByteBuf burst = PacketInBed.packetIns(OFFactories.getFactory(v), BURST);
            long perBurst =
                    Allocations.bytesPerCall(
                            300,
                            i -> {
                                burst.readerIndex(0).retain();
                                s.sendBytes(burst);
                            });
            assertThat(seen[0])
                    .as("every packet-in reached the fast step")
                    .isEqualTo(3L * 300 * (BURST * (BURST + 1) / 2));
            // What a read burst costs Netty's embedded channel is shared by its packet-ins.
            assertThat(perBurst / BURST).as("bytes per packet-in").isLessThan(8);
            burst.release();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = OFVersion.class,
            names = {"OF_10", "OF_13"})
    void aPacketForItsFullStepKeepsItsOwnFrame(OFVersion v) throws InterruptedException {
        BlockingQueue<byte[]> full = new LinkedBlockingQueue<>();
        PacketProcessor oddOnesSlow =
                new PacketProcessor() {
                    @Override
                    public FastVerdict processFast(PacketContext ctx) {
                        return ctx.data()[0] % 2 == 1 ? FastVerdict.SLOW : FastVerdict.HANDLED;
                    }

                    @Override
                    public void process(PacketContext ctx) {
                        full.add(ctx.data());
                    }
                };
        try (PacketInWorkers workers = new PacketInWorkers(1, BURST);
                PacketInBed bed = PacketInBed.connect(v, workers)) {
            bed.packets().addProcessor(oddOnesSlow, 1);
            bed.script().sendBytes(PacketInBed.packetIns(OFFactories.getFactory(v), 20));
            List<byte[]> frames = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                frames.add(full.poll(5, TimeUnit.SECONDS));
            }
            for (int i = 0; i < 10; i++) {
                assertThat(frames.get(i)).as("frame %d", i).hasSize(60).containsOnly(2 * i + 1);
            }
            assertThat(frames.get(0)).isNotSameAs(frames.get(1));
        }
    }
}
