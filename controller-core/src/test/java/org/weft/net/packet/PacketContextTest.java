package org.weft.net.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.packet.parse.Ethernet;
import org.weft.net.testing.Allocations;

class PacketContextTest {

    private static final ConnectPoint AT = ConnectPoint.of(1, 2);

    /** Random frames, a third of them 802.1Q-tagged, of every length around the header's. */
    private static byte[] frame(Random r) {
        byte[] f = new byte[r.nextInt(24)];
        r.nextBytes(f);
        if (f.length >= 14 && r.nextInt(3) == 0) {
            f[12] = (byte) 0x81;
            f[13] = 0;
        }
        return f;
    }

    @Test
    void headerFieldsReadOneByOneAreTheParsedHeaders() {
        Random r = new Random(14);
        int ethernet = 0;
        int tagged = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] f = frame(r);
            PacketContext ctx = new PacketContext(AT, f, 0, OptionalInt.empty());
            Ethernet eth = Ethernet.parse(f).orElse(null);
            assertThat(ctx.isEthernet()).isEqualTo(eth != null);
            if (eth == null) {
                continue;
            }
            ethernet++;
            tagged += eth.isTagged() ? 1 : 0;
            assertThat(ctx.ethDst()).isEqualTo(eth.dst().value());
            assertThat(ctx.ethSrc()).isEqualTo(eth.src().value());
            assertThat(ctx.vlan()).isEqualTo(eth.vlan());
            assertThat(ctx.ethType()).isEqualTo(eth.ethType());
            assertThat(ctx.payloadOffset()).isEqualTo(eth.payloadOffset());
            assertThat(ctx.ethernet()).contains(eth);
        }
        assertThat(ethernet).as("frames with a header").isGreaterThan(5_000);
        assertThat(tagged).as("tagged frames").isGreaterThan(1_000);
    }

    @Test
    void headerFieldsCostNoObject() {
        byte[] f = new byte[64];
        f[12] = (byte) 0x81;
        f[16] = 0x08;
        PacketContext ctx = new PacketContext(AT, f, 0, OptionalInt.empty());
        long[] sum = {0};
        long perPacket =
                Allocations.bytesPerCall(
                        20_000,
                        i ->
                                sum[0] +=
                                        ctx.ethDst()
                                                + ctx.ethSrc()
                                                + ctx.vlan()
                                                + ctx.ethType()
                                                + ctx.payloadOffset()
                                                + ctx.receivedFrom().port().value());
        assertThat(perPacket).as("bytes per packet").isZero();
        assertThat(ctx.ethType()).isEqualTo(Ethernet.TYPE_IPV4);
    }

    @Test
    void aContextFromPartsMakesTheSamePacketAsOneFromThePacket() {
        byte[] f = new byte[60];
        InboundPacket p = new InboundPacket(AT, f, 42, OptionalInt.of(7));
        PacketContext fromParts = new PacketContext(AT, f, 42, OptionalInt.of(7));

        assertThat(fromParts.inPacket()).isEqualTo(p).isSameAs(fromParts.inPacket());
        assertThat(new PacketContext(p).inPacket()).isSameAs(p);
        assertThat(fromParts.receivedFrom()).isEqualTo(AT);
        assertThat(fromParts.data()).isSameAs(f);
        assertThat(fromParts.isBuffered()).isTrue();
        assertThat(fromParts.bufferId()).hasValue(7);
    }

    @Test
    void aReusedContextForgetsTheLastPacketAndItsCopyKeepsItsOwnFrame() {
        PacketContext ctx = PacketContext.reusable();
        byte[] array = new byte[64];
        array[5] = 1;
        ctx.reset(AT, array, 7, true, 3);
        assertThat(ctx.ethernet()).isPresent();
        ctx.block();
        // What a fast step would hand on: a copy, taken before the array is filled again.
        ctx.reset(AT, array, 7, true, 3);
        PacketContext kept = ctx.copy();
        assertThat(kept.isBlocked()).isFalse();

        array[5] = 2;
        ConnectPoint other = ConnectPoint.of(9, 9);
        ctx.reset(other, array, 8, false, 0);
        assertThat(ctx.isBlocked()).as("blocked is the last packet's").isFalse();
        assertThat(ctx.ethDst()).isEqualTo(2);
        assertThat(ctx.ethernet().orElseThrow().dst().value()).isEqualTo(2);
        assertThat(ctx.inPacket().receivedFrom()).isEqualTo(other);
        assertThat(ctx.bufferId()).isEmpty();

        assertThat(kept.data()).isNotSameAs(array);
        assertThat(kept.ethDst()).isEqualTo(1);
        assertThat(kept.receivedFrom()).isEqualTo(AT);
        assertThat(kept.bufferId()).hasValue(3);
        assertThat(kept.inPacket().receivedAtNanos()).isEqualTo(7);
        assertThat(kept.copy()).as("an own context is its own copy").isSameAs(kept);
    }

    @Test
    void onlyAReusableContextIsReset() {
        PacketContext own = new PacketContext(AT, new byte[64], 0, OptionalInt.empty());
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> own.reset(AT, new byte[64], 0, false, 0));
    }

    @Test
    void resettingAContextCostsNoObject() {
        PacketContext ctx = PacketContext.reusable();
        byte[] f = new byte[64];
        long[] sum = {0};
        long perPacket =
                Allocations.bytesPerCall(
                        50_000,
                        i -> {
                            f[5] = (byte) i;
                            sum[0] += ctx.reset(AT, f, i, false, 0).ethDst();
                        });
        assertThat(perPacket).isZero();
        assertThat(sum[0]).isNotZero();
    }
}
