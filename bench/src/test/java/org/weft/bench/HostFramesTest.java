package org.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
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
}
