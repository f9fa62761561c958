package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Link;
import org.weft.net.topology.LinkWeighers;
import org.weft.net.topology.TopologySnapshot;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.FabricBuilder;

/** Discovery of whole emulated fabrics speaking OpenFlow 1.3 over loopback. */
class TopologyDiscoveryIT {

    private static final Logger log = LoggerFactory.getLogger(TopologyDiscoveryIT.class);

    /** Both directions of every cable of the fabric. */
    static Set<Link> expectedLinks(EmulatedFabric fabric) {
        Set<Link> links = new HashSet<>();
        for (EmulatedFabric.Cable c : fabric.cables()) {
            links.add(Link.of(c.a(), c.b()));
            links.add(Link.of(c.b(), c.a()));
        }
        return links;
    }

    @Test
    void ringOfFourIsFullyDiscovered() throws Exception {
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.ring(4), 200)) {
            Set<Link> expected = expectedLinks(bed.fabric);
            assertThat(expected).hasSize(8);
            WeftTestBed.waitUntil(
                    () -> bed.core().topologyService().currentSnapshot().links().equals(expected),
                    Duration.ofSeconds(10),
                    "8 links in the snapshot");
            TopologySnapshot s = bed.core().topologyService().currentSnapshot();
            assertThat(s.switches()).hasSize(4);
            assertThat(s.components()).hasSize(1);
            assertThat(bed.core().linkService().getLinks().keySet()).isEqualTo(expected);
            assertThat(s.linkInfos().values())
                    .allSatisfy(i -> assertThat(i.capacityMbps()).isEqualTo(10_000));
            assertThat(
                            bed.core()
                                    .pathService()
                                    .getPath(
                                            s.switches().first(),
                                            s.switches().last(),
                                            LinkWeighers.HOP_COUNT))
                    .isPresent();
            assertThat(bed.core().linkDiscovery().counters().forged()).isZero();
        }
    }

    @Test
    void fatTreeK4IsFullyDiscovered() throws Exception {
        long start = System.nanoTime();
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.fatTree(4), 1000)) {
            long connected = System.nanoTime();
            Set<Link> expected = expectedLinks(bed.fabric);
            assertThat(bed.fabric.switches()).hasSize(20);
            assertThat(expected).hasSize(64);
            WeftTestBed.waitUntil(
                    () -> bed.core().topologyService().currentSnapshot().links().equals(expected),
                    Duration.ofSeconds(15),
                    "64 links in the snapshot");
            long done = System.nanoTime();
            TopologySnapshot s = bed.core().topologyService().currentSnapshot();
            assertThat(s.switches()).hasSize(20);
            assertThat(s.components()).hasSize(1);
            log.info(
                    "Fat tree k=4: connected in {} ms, fully discovered {} ms after connecting, snapshot version {}",
                    (connected - start) / 1_000_000,
                    (done - connected) / 1_000_000,
                    s.version());
        }
    }
}
