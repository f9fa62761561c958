package org.weft.mininet;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real OVS switches (userspace datapath) connect to the packaged controller and stay connected. */
class SwitchConnectionTest extends MininetTestSupport {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STAY_CONNECTED = Duration.ofSeconds(15);
    private static final Duration SAMPLE = Duration.ofSeconds(1);

    @ParameterizedTest(name = "{0}")
    @EnumSource(OpenFlowVersion.class)
    void allSwitchesConnectAndStayConnected(OpenFlowVersion version) throws IOException {
        Topology fabric = Topologies.linear(3);
        startWeft();
        build(fabric, version);

        AtomicReference<Map<String, Boolean>> seen = new AtomicReference<>(Map.of());
        Wait.until(
                "all of "
                        + fabric.switchNames()
                        + " show the controller connected ("
                        + version
                        + ")",
                CONNECT_TIMEOUT,
                () -> allConnected(fabric, seen),
                seen::get);
        Wait.holdsFor(
                "all of " + fabric.switchNames() + " stay connected (" + version + ")",
                STAY_CONNECTED,
                SAMPLE,
                () -> allConnected(fabric, seen),
                seen::get);
    }

    private boolean allConnected(Topology fabric, AtomicReference<Map<String, Boolean>> seen) {
        Map<String, Boolean> connected = mininet.controllersConnected();
        seen.set(connected);
        return connected.keySet().containsAll(fabric.switchNames())
                && fabric.switchNames().stream().allMatch(connected::get);
    }
}
