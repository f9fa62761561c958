package org.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.packet.parse.Ethernet;

/**
 * Every frame goes from its host to another host of the switch on another port (when there is more
 * than one): a learning switch answers a frame whose destination sits on its ingress port with a
 * drop rule and no packet-out, which would not be a comparable answer.
 */
class HostFramesTest {

    @ParameterizedTest
    @CsvSource({"1000, 4", "100, 4", "351, 4", "10, 2", "7, 3", "1000, 1", "2, 4"})
    void eachFrameGoesToAnotherHostOnAnotherPort(int hosts, int ports) {
        HostFrames f = HostFrames.forSwitch(3, hosts, ports);
        Map<MacAddress, PortNumber> portOf = new HashMap<>();
        for (int h = 0; h < hosts; h++) {
            Ethernet eth = Ethernet.parse(f.frame(h)).orElseThrow();
            portOf.put(eth.src(), f.inPort(h));
        }
        for (int h = 0; h < hosts; h++) {
            Ethernet eth = Ethernet.parse(f.frame(h)).orElseThrow();
            assertThat(eth.dst()).isEqualTo(f.dst(h)).isNotEqualTo(eth.src());
            assertThat(portOf).containsKey(eth.dst());
            if (ports > 1) {
                assertThat(portOf.get(eth.dst())).as("host %d", h).isNotEqualTo(f.inPort(h));
            }
        }
    }

    @Test
    void aStampedFrameDiffersFromItsFrameOnlyInItsLastEightBytes() {
        HostFrames f = HostFrames.forSwitch(1, 10, 4);
        byte[] plain = f.frame(5);
        byte[] stamped = f.stamped(5, 0x1122334455667788L);
        int body = plain.length - Answers.STAMP_BYTES;
        assertThat(stamped).hasSameSizeAs(plain).startsWith(Arrays.copyOf(plain, body));
        assertThat(Arrays.copyOfRange(stamped, body, stamped.length))
                .containsExactly(0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88);
        assertThat(f.frame(5)).as("the shared frame is untouched").isEqualTo(plain);
        assertThat(Ethernet.parse(stamped).orElseThrow().dst()).isEqualTo(f.dst(5));
    }
}
