package org.weft.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.stream.Stream;
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
 * <p>With Weft of 2026-11-22 (before the single per-switch writer) the OpenFlow 1.3 multipath
 * fabrics got {@code OFPBAC_BAD_OUT_GROUP} and {@code OFPGMFC_GROUP_EXISTS} replies here; this test
 * keeps them from coming back.
 */
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
