package org.weft.openflow.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;

class InPortsTest {

    private final InPorts ports = new InPorts(Dpid.of(7));

    @Test
    void eachPortIsOneConnectPointOfItsSwitch() {
        for (long p : new long[] {0, 1, 15, 16, 17, 500, InPorts.MAX_KEPT - 1}) {
            ConnectPoint cp = ports.at(PortNumber.of(p));
            assertThat(cp).isEqualTo(ConnectPoint.of(7, p));
            assertThat(ports.at(PortNumber.of(p))).as("port %d again", p).isSameAs(cp);
        }
        assertThat(ports.at(PortNumber.of(1))).isEqualTo(ConnectPoint.of(7, 1));
    }

    @Test
    void portsBeyondTheKeptRangeAndReservedPortsAreMadeEachTime() {
        for (PortNumber p : new PortNumber[] {PortNumber.of(InPorts.MAX_KEPT), PortNumber.LOCAL}) {
            assertThat(ports.at(p)).isEqualTo(new ConnectPoint(Dpid.of(7), p));
        }
    }
}
