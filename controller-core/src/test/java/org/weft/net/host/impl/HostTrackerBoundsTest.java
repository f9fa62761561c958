package org.weft.net.host.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.MacAddress;
import org.weft.net.host.HostId;
import org.weft.net.link.impl.LinkManager;
import org.weft.net.testing.FakeDeviceService;
import org.weft.time.VirtualTime;

/** A switch spoofing source MACs must not grow the host table without bound, nor fill it. */
class HostTrackerBoundsTest {

    private final VirtualTime time = new VirtualTime();
    private final FakeDeviceService devices = new FakeDeviceService();
    private final LinkManager links = new LinkManager(Runnable::run, time, Duration.ofSeconds(3));

    private HostTracker tracker(int maxHosts, int maxPerSwitch) {
        HostTracker t =
                new HostTracker(
                        devices,
                        links,
                        Runnable::run,
                        time,
                        Duration.ofSeconds(60),
                        new HostTableLimits(maxHosts, maxPerSwitch));
        devices.addListener(t::onDeviceEvent);
        devices.connect(1, 4);
        devices.connect(2, 4);
        devices.connect(3, 4);
        return t;
    }

    private static HostId host(long n) {
        return HostId.of(MacAddress.of(0x0a0000000000L + n), HostId.NO_VLAN);
    }

    @Test
    void oneSwitchCannotTakeMoreThanItsShare() {
        HostTracker t = tracker(100, 3);
        for (long n = 1; n <= 1_000; n++) {
            t.learn(host(n), ConnectPoint.of(1, 1), null); // a MAC flood from switch 1
        }
        assertThat(t.getHostCount()).isEqualTo(3);
        assertThat(t.refusedHostCount()).isEqualTo(997);

        t.learn(host(5_001), ConnectPoint.of(2, 1), null);
        t.learn(host(5_002), ConnectPoint.of(2, 2), null);
        assertThat(t.getHost(host(5_001))).isPresent();
        assertThat(t.getHost(host(5_002))).isPresent();
        assertThat(t.getHostCount()).isEqualTo(5);
    }

    @Test
    void theTableIsBoundedInAllAndGivesRoomBackWhenHostsGo() {
        HostTracker t = tracker(4, 3);
        for (long n = 1; n <= 3; n++) {
            t.learn(host(n), ConnectPoint.of(1, 1), null);
        }
        t.learn(host(4), ConnectPoint.of(2, 1), null);
        t.learn(host(5), ConnectPoint.of(3, 1), null);
        assertThat(t.getHost(host(5))).as("table full").isEmpty();
        assertThat(t.refusedHostCount()).isEqualTo(1);

        devices.disconnect(1);
        assertThat(t.getHostCount()).isEqualTo(1);
        t.learn(host(5), ConnectPoint.of(3, 1), null);
        assertThat(t.getHost(host(5))).isPresent();

        time.advance(Duration.ofSeconds(61));
        assertThat(t.expire()).isEqualTo(2);
        for (long n = 10; n < 14; n++) {
            t.learn(host(n), ConnectPoint.of(2 + n % 2, 1), null);
        }
        assertThat(t.getHostCount()).isEqualTo(4);
        assertThat(t.refusedHostCount()).isEqualTo(1);
    }

    @Test
    void aMoveOntoAFullSwitchIsNotFollowedAndAMoveFreesItsOldPlace() {
        HostTracker t = tracker(100, 2);
        t.learn(host(1), ConnectPoint.of(1, 1), null);
        t.learn(host(2), ConnectPoint.of(2, 1), null);
        t.learn(host(3), ConnectPoint.of(2, 2), null);

        t.learn(host(1), ConnectPoint.of(2, 3), null);
        assertThat(t.getHost(host(1)).orElseThrow().location()).isEqualTo(ConnectPoint.of(1, 1));
        assertThat(t.refusedHostCount()).isEqualTo(1);

        t.learn(host(2), ConnectPoint.of(3, 1), null); // switch 2 now has room
        t.learn(host(1), ConnectPoint.of(2, 3), null);
        assertThat(t.getHost(host(1)).orElseThrow().location()).isEqualTo(ConnectPoint.of(2, 3));
        t.learn(host(4), ConnectPoint.of(1, 2), null);
        t.learn(host(5), ConnectPoint.of(1, 3), null);
        assertThat(t.getHostCount()).as("switch 1 got its places back").isEqualTo(5);
        assertThat(t.refusedHostCount()).isEqualTo(1);
    }
}
