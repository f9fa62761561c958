package org.weft.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Standard and real-world fabrics, with OpenFlow 1.0 and 1.3: every switch connects, every host
 * reaches every other host (one round of pings with 0% loss), no entry points into a dead port,
 * fail mode is secure everywhere.
 */
class TopologyZooTest extends MininetTestSupport {
    private static final Duration REACH = Duration.ofSeconds(45);

    static Stream<Arguments> fabrics() {
        return Stream.of(
                Arguments.of(Topologies.linear(4), OpenFlowVersion.OF10),
                Arguments.of(Topologies.tree(2, 3), OpenFlowVersion.OF13),
                Arguments.of(Topologies.ring(6), OpenFlowVersion.OF10),
                Arguments.of(Topologies.leafSpine(2, 4, 2), OpenFlowVersion.OF13),
                Arguments.of(Topologies.leafSpine(2, 4, 2), OpenFlowVersion.OF10),
                Arguments.of(Topologies.fatTree4(), OpenFlowVersion.OF13),
                Arguments.of(Topologies.abilene(), OpenFlowVersion.OF13),
                Arguments.of(Topologies.abilene(), OpenFlowVersion.OF10));
    }

    @ParameterizedTest(name = "{0}_{1}")
    @MethodSource("fabrics")
    void allSwitchesConnectAndAllPairsReach(Topology topology, OpenFlowVersion version)
            throws IOException {
        startWeft();
        long start = System.nanoTime();
        buildAndDiscover(topology, version);
        assertThat(mininet.failModes())
                .as("fail_mode of every bridge")
                .containsOnlyKeys(topology.switchNames())
                .allSatisfy((sw, mode) -> assertThat(mode).isEqualTo("secure"));

        fabric.awaitAllReach(topology.allHostPairs(), REACH, topology.name() + " " + version);
        record(
                String.format(
                        "%s %s: all %d pairs reached %d ms after build started",
                        topology.name(),
                        version,
                        topology.allHostPairs().size(),
                        Duration.ofNanos(System.nanoTime() - start).toMillis()));
        fabric.awaitNoDeadPortEntries(Duration.ofSeconds(10), "steady state");
        assertThat(fabric.duplicateOrOrphanEntries()).as("duplicate or orphan entries").isEmpty();
        assertThat(fabric.misplacedHostRoutes()).as("misplaced host routes").isEmpty();
        assertThat(fabric.hostFlowCounts())
                .as("one route per host on every switch")
                .allSatisfy((sw, n) -> assertThat(n).isEqualTo(topology.hosts().size()));

        if (WeftRest.enabled()) {
            WeftRest rest = new WeftRest(weft.restPort());
            assertThat(rest.switches()).hasSize(topology.switches().size());
            assertThat(rest.links()).hasSize(2 * topology.switchLinks().size());
            Set<String> macs = new HashSet<>();
            rest.hosts().forEach(h -> macs.add(h.mac()));
            assertThat(macs).hasSize(topology.hosts().size());
        }
    }
}
