package org.weft.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Traffic that starts as soon as the links are discovered, before the controller knows any host:
 * every host pair pings at once, so routes are installed while packets toward the same destinations
 * keep arriving. With chatty hosts (IPv6 on, the normal Mininet behaviour) the hosts' first frames
 * are even flooded before the links are known. The controller must end with clean state and never
 * send a switch a message it rejects (the teardown check of the OVS log).
 *
 * <p>Tagged {@code controller-bug} (excluded by default; {@code -Dweft.mininet.excludedGroups=none}
 * runs it). With Weft of 2026-11-22 the OpenFlow 1.3 multipath fabrics get {@code
 * OFPBAC_BAD_OUT_GROUP} replies to FLOW_MOD and PACKET_OUT: {@code RouteProgrammer.apply} records a
 * plan as installed before its groups reach the switches (non-egress switches wait for the egress
 * barrier), and {@code RoutingPacketHandler.deliver} meanwhile answers a packet-in with {@code
 * reassert} (flows only) and a packet-out whose actions name the group the switch does not have
 * yet. With chatty hosts the fat tree also gets {@code OFPGMFC_GROUP_EXISTS} replies to GROUP_MOD
 * ({@code RouteProgrammer - Programming switch ... failed: GROUP_MOD_FAILED/GROUP_EXISTS}) right
 * after hosts first learned on fabric ports "move" to their real ports. Both are intermittent: with
 * main at 8ccf359, 2 of the 4 cases failed in one run, 3 of 4 in another. The default suite avoids
 * the race: {@code buildAndDiscover} lets every host announce itself and waits for all routes
 * before traffic.
 */
@Tag("controller-bug")
class StartupRaceTest extends MininetTestSupport {
    static Stream<Arguments> fabrics() {
        return Stream.of(
                Arguments.of(Topologies.leafSpine(2, 4, 2), true),
                Arguments.of(Topologies.abilene(), true),
                Arguments.of(Topologies.fatTree4(), true),
                Arguments.of(Topologies.fatTree4(), false));
    }

    @ParameterizedTest(name = "{0}_quietHosts_{1}")
    @MethodSource("fabrics")
    void firstTrafficRacesRouteInstallationCleanly(Topology topology, boolean quietHosts)
            throws IOException {
        startWeft();
        build(topology, OpenFlowVersion.OF13, quietHosts);
        fabric.awaitConnected(Duration.ofSeconds(30), topology.name());
        fabric.awaitSpanningTree(Duration.ofSeconds(30), topology.name());
        fabric.awaitAllReach(topology.allHostPairs(), Duration.ofSeconds(60), topology.name());
        fabric.awaitNoDeadPortEntries(Duration.ofSeconds(10), topology.name());
        assertThat(fabric.misplacedHostRoutes()).as("misplaced host routes").isEmpty();
        assertThat(fabric.duplicateOrOrphanEntries()).as("duplicate or orphan entries").isEmpty();
    }
}
