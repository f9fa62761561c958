package org.weft.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.routing.plan.Backup;
import org.weft.net.routing.plan.PlanView;
import org.weft.net.topology.LinkWeighers;
import org.weft.net.topology.NextHops;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;
import org.weft.net.topology.graph.PlanningGraph;

/**
 * The backup choice on its own, over the narrow view the planner gives it. That routes planned with
 * these backups survive every single cable cut is checked with routing's planner, in apps-routing's
 * {@code ProtectedPlansTest}.
 */
class LocalProtectionTest {

    private final LocalProtection protection = new LocalProtection();

    /**
     * The view routing's planning context gives, built the same way: hop count over the snapshot.
     */
    private static PlanView view(TopologySnapshot topo, PlanningGraph graph) {
        return new PlanView() {
            @Override
            public Set<Link> linksFrom(Dpid s) {
                return topo.linksFrom(s);
            }

            @Override
            public OptionalDouble distanceFromNeighbour(Dpid neighbour, Dpid s) {
                Double d = graph.distancesFromNeighbours(s).get(neighbour);
                return d == null ? OptionalDouble.empty() : OptionalDouble.of(d);
            }
        };
    }

    /** The backup of {@code s}'s group toward {@code dst}, whose primary is the link to it. */
    private Optional<Backup> backup(TopologySnapshot topo, long s, long dst) {
        PlanningGraph graph = new PlanningGraph(topo, LinkWeighers.HOP_COUNT);
        NextHops hops = graph.nextHops(Dpid.of(dst));
        Link primary = TopologyFixtures.link(topo, s, dst);
        assertThat(hops.linksFrom(Dpid.of(s)))
                .as("the primary is the only next hop")
                .containsExactly(primary);
        return protection.backup(view(topo, graph), hops, Dpid.of(s), primary);
    }

    @Test
    void aNeighbourWithItsOwnShorterWayIsALoopFreeAlternate() {
        TopologySnapshot triangle =
                TopologyFixtures.builder().cable(1, 2).cable(2, 3).cable(3, 1).build();

        assertThat(backup(triangle, 2, 1))
                .contains(new Backup(TopologyFixtures.link(triangle, 2, 3), false));
    }

    @Test
    void aNeighbourThatSplitsBetweenUsAndAnotherWayGetsAUturn() {
        // Ring 1-2-3-4: 3 reaches 1 through 2 or 4 at equal cost.
        TopologySnapshot ring = TopologyFixtures.ring(4);

        assertThat(backup(ring, 2, 1))
                .contains(new Backup(TopologyFixtures.link(ring, 2, 3), true));
    }

    @Test
    void aLoopFreeAlternateWinsOverAUturnThatComesFirst() {
        // 2's neighbours besides 1: 3 (U-turn: reaches 1 via 2 or 4) and 4 (loop-free: linked to
        // 1).
        TopologySnapshot topo =
                TopologyFixtures.builder()
                        .cable(2, 1)
                        .cable(2, 3)
                        .cable(2, 4)
                        .cable(3, 4)
                        .cable(3, 5)
                        .cable(5, 1)
                        .cable(4, 1)
                        .build();
        Link toUturn = TopologyFixtures.link(topo, 2, 3);
        Link toLoopFree = TopologyFixtures.link(topo, 2, 4);
        assertThat(toUturn).as("the U-turn candidate is tried first").isLessThan(toLoopFree);

        assertThat(backup(topo, 2, 1)).contains(new Backup(toLoopFree, false));
    }

    @Test
    void aLineHasNoSafeBackup() {
        TopologySnapshot line = TopologyFixtures.linear(3);

        assertThat(backup(line, 2, 1)).isEmpty();
    }

    @Test
    void everyBackupLeavesTheProtectedSwitchByAnotherLink() {
        TopologySnapshot topo = TopologyFixtures.leafSpine(2, 4);
        Dpid leaf0 = TopologyFixtures.leaf(0);
        PlanningGraph graph = new PlanningGraph(topo, LinkWeighers.HOP_COUNT);
        NextHops hops = graph.nextHops(leaf0);
        int protectedSwitches = 0;
        for (Dpid s : topo.switches()) {
            if (hops.linksFrom(s).size() != 1) {
                continue;
            }
            Link primary = hops.linksFrom(s).get(0);
            Optional<Backup> b = protection.backup(view(topo, graph), hops, s, primary);
            assertThat(b).as("backup of %s", s).isPresent();
            assertThat(b.get().link().srcDpid()).isEqualTo(s);
            assertThat(b.get().link()).isNotEqualTo(primary);
            protectedSwitches++;
        }
        assertThat(protectedSwitches).as("both spines").isEqualTo(2);
    }

    @Test
    void eachCandidateIsJudgedByItsOwnNeighboursWayBack() {
        // 2 reaches 1 directly; its neighbours 3 and 4 each reach 1 in two hops. Under the view's
        // metric 3's way back to 2 is cheap (1) and 4's dear (5): only 4 is loop-free (2 < 5 + 1).
        TopologySnapshot topo =
                TopologyFixtures.builder()
                        .cable(2, 1)
                        .cable(2, 3)
                        .cable(2, 4)
                        .cable(3, 5)
                        .cable(5, 1)
                        .cable(4, 6)
                        .cable(6, 1)
                        .build();
        PlanningGraph graph = new PlanningGraph(topo, LinkWeighers.HOP_COUNT);
        NextHops hops = graph.nextHops(Dpid.of(1));
        PlanView view =
                new PlanView() {
                    @Override
                    public Set<Link> linksFrom(Dpid s) {
                        return topo.linksFrom(s);
                    }

                    @Override
                    public OptionalDouble distanceFromNeighbour(Dpid neighbour, Dpid s) {
                        return OptionalDouble.of(neighbour.equals(Dpid.of(4)) ? 5 : 1);
                    }
                };

        assertThat(protection.backup(view, hops, Dpid.of(2), TopologyFixtures.link(topo, 2, 1)))
                .contains(new Backup(TopologyFixtures.link(topo, 2, 4), false));
    }
}
