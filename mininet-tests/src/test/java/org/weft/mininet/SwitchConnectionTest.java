package org.weft.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real OVS switches (userspace datapath) connect to the packaged controller and stay connected. */
class SwitchConnectionTest extends MininetTestSupport {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STAY_CONNECTED = Duration.ofSeconds(15);
    private static final Duration SAMPLE = Duration.ofSeconds(1);

    private final AtomicReference<Map<String, Boolean>> seen = new AtomicReference<>(Map.of());

    @ParameterizedTest(name = "{0}")
    @EnumSource(OpenFlowVersion.class)
    void allSwitchesConnectAndStayConnected(OpenFlowVersion version) throws IOException {
        Topology fabric = Topologies.linear(3);
        startWeft();
        build(fabric, version);

        awaitConnected(fabric.switchNames(), version.toString());
        Wait.holdsFor(
                "all of " + fabric.switchNames() + " stay connected (" + version + ")",
                STAY_CONNECTED,
                SAMPLE,
                () -> connected(fabric.switchNames()),
                seen::get);
    }

    @Test
    void restartedSwitchReconnectsWhileTheOthersStayConnected() throws IOException {
        Topology fabric = Topologies.tree(2, 2);
        List<String> others = List.of("s1", "s3");
        startWeft();
        build(fabric, OpenFlowVersion.OF13);
        awaitConnected(fabric.switchNames(), "before the restart");

        mininet.switchStop("s2");
        assertThat(mininet.controllersConnected()).containsEntry("s2", false);
        Wait.holdsFor(
                others + " stay connected while s2 is down",
                Duration.ofSeconds(5),
                SAMPLE,
                () -> connected(others),
                seen::get);

        mininet.switchStart("s2");
        awaitConnected(fabric.switchNames(), "after s2 restarted");
        Wait.holdsFor(
                "all of " + fabric.switchNames() + " stay connected after s2 restarted",
                Duration.ofSeconds(5),
                SAMPLE,
                () -> connected(fabric.switchNames()),
                seen::get);
    }

    private void awaitConnected(List<String> switches, String when) {
        Wait.until(
                "all of " + switches + " show the controller connected (" + when + ")",
                CONNECT_TIMEOUT,
                () -> connected(switches),
                seen::get);
    }

    /** Whether every switch in {@code switches} shows a connected controller in OVSDB. */
    private boolean connected(List<String> switches) {
        Map<String, Boolean> connected = mininet.controllersConnected();
        seen.set(connected);
        return switches.stream().allMatch(s -> connected.getOrDefault(s, false));
    }
}
