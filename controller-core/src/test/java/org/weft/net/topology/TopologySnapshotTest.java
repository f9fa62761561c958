package org.weft.net.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.weft.net.topology.TopologyFixtures.link;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.Link;

class TopologySnapshotTest {

    private static Dpid d(long v) {
        return Dpid.of(v);
    }

    @Test
    void exposesSwitchesLinksAndInfo() {
        TopologySnapshot t = TopologyFixtures.linear(3);

        assertThat(t.switches()).containsExactly(d(1), d(2), d(3));
        assertThat(t.links())
                .containsExactly(
                        Link.of(1, 1, 2, 1),
                        Link.of(2, 1, 1, 1),
                        Link.of(2, 2, 3, 1),
                        Link.of(3, 1, 2, 2));
        assertThat(t.linkInfo(Link.of(1, 1, 2, 1))).contains(LinkInfo.UNKNOWN);
        assertThat(t.linkInfo(Link.of(1, 9, 2, 1))).isEmpty();
        assertThat(t.linksFrom(d(2)))
                .containsExactlyInAnyOrder(Link.of(2, 1, 1, 1), Link.of(2, 2, 3, 1));
        assertThat(t.linksTo(d(2)))
                .containsExactlyInAnyOrder(Link.of(1, 1, 2, 1), Link.of(3, 1, 2, 2));
        assertThat(t.linksFrom(d(99))).isEmpty();
        assertThat(t.network().isDirected()).isTrue();
        assertThat(t.network().allowsParallelEdges()).isTrue();
    }

    @Test
    void rejectsLinkToUnknownSwitch() {
        assertThatThrownBy(
                        () ->
                                TopologySnapshot.of(
                                        1,
                                        Instant.EPOCH,
                                        Set.of(d(1)),
                                        Map.of(Link.of(1, 1, 2, 1), LinkInfo.UNKNOWN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("of:0000000000000002/1");
    }

    @Test
    void newAttributesForSomeLinksKeepTheRestAndTheShape() {
        TopologySnapshot t = TopologyFixtures.linear(3);
        Link l = Link.of(2, 2, 3, 1);
        LinkInfo slower = LinkInfo.UNKNOWN.withLatencyNanos(7_000_000);
        Instant at = Instant.parse("2026-01-01T00:00:01Z");

        TopologySnapshot next = t.withLinkInfos(at, Map.of(l, slower));

        assertThat(next.version()).isEqualTo(t.version() + 1);
        assertThat(next.createdAt()).isEqualTo(at);
        assertThat(next.linkInfo(l)).contains(slower);
        assertThat(next.linkInfo(Link.of(1, 1, 2, 1))).contains(LinkInfo.UNKNOWN);
        assertThat(next.links()).isEqualTo(t.links());
        assertThat(next.network()).isSameAs(t.network());
        assertThat(next.treeLinks()).isEqualTo(t.treeLinks());
        assertThat(t.linkInfo(l)).contains(LinkInfo.UNKNOWN);
    }

    @Test
    void newAttributesAreRefusedForAnUnknownLinkOrANewCapacity() {
        TopologySnapshot t = TopologyFixtures.linear(3);
        assertThatThrownBy(
                        () ->
                                t.withLinkInfos(
                                        Instant.EPOCH,
                                        Map.of(Link.of(1, 9, 2, 1), LinkInfo.UNKNOWN)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                t.withLinkInfos(
                                        Instant.EPOCH,
                                        Map.of(
                                                Link.of(1, 1, 2, 1),
                                                LinkInfo.UNKNOWN.withCapacityMbps(10_000))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nextIncrementsVersion() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        TopologySnapshot empty = TopologySnapshot.empty();
        TopologySnapshot next = empty.next(now, Set.of(d(1)), Map.of());

        assertThat(empty.version()).isZero();
        assertThat(empty.switches()).isEmpty();
        assertThat(next.version()).isEqualTo(1);
        assertThat(next.next(now, Set.of(), Map.of()).version()).isEqualTo(2);
        assertThat(next.createdAt()).isEqualTo(now);
    }

    @Test
    void componentsOfSplitGraph() {
        TopologySnapshot t =
                TopologyFixtures.builder()
                        .cable(5, 6)
                        .cable(6, 7)
                        .cable(1, 3)
                        .oneWay(9, 8, 1.0)
                        .addSwitch(4)
                        .build();

        assertThat(t.components())
                .extracting(ConnectedComponent::id)
                .containsExactly(d(1), d(4), d(5), d(8));
        assertThat(t.components().get(0).switches()).containsExactly(d(1), d(3));
        assertThat(t.components().get(1).switches()).containsExactly(d(4));
        assertThat(t.components().get(2).switches()).containsExactly(d(5), d(6), d(7));
        assertThat(t.components().get(3).switches()).containsExactly(d(8), d(9));
        assertThat(t.componentOf(d(7)).map(ConnectedComponent::id)).contains(d(5));
        assertThat(t.componentOf(d(99))).isEmpty();
        assertThat(t.areConnected(d(5), d(7))).isTrue();
        assertThat(t.areConnected(d(9), d(8))).isTrue();
        assertThat(t.areConnected(d(1), d(5))).isFalse();
    }

    @Test
    void spanningTreeOfRingIsBreadthFirstFromSmallestSwitch() {
        TopologySnapshot t = TopologyFixtures.ring(4);

        assertThat(t.treeLinks())
                .containsExactlyInAnyOrder(
                        link(t, 1, 2), link(t, 2, 1),
                        link(t, 1, 4), link(t, 4, 1),
                        link(t, 2, 3), link(t, 3, 2));
        assertThat(t.isTreeLink(link(t, 3, 4))).isFalse();
        assertThat(t.treeLinksFrom(d(1))).containsExactly(link(t, 1, 2), link(t, 1, 4));
    }

    @Test
    void spanningTreeHasOneCableFewerThanSwitchesPerComponent() {
        TopologySnapshot fat = TopologyFixtures.fatTree(4);
        assertSpanningTree(fat);
        assertThat(fat.switches()).hasSize(20);
        assertThat(fat.links()).hasSize(64);
        assertThat(fat.treeLinks()).hasSize(2 * 19);

        TopologySnapshot split =
                TopologyFixtures.builder().cable(1, 2).cable(2, 3).cable(3, 1).cable(7, 8).build();
        assertSpanningTree(split);
        assertThat(split.treeLinks()).hasSize(2 * (2 + 1));
    }

    @Test
    void spanningTreePrefersTwoWayCableAmongParallelLinks() {
        TopologySnapshot t = TopologyFixtures.builder().oneWay(1, 2, 1.0).cable(1, 2).build();

        // 1/1->2/1 is one-way; the cable is 1/2<->2/2.
        assertThat(t.treeLinks()).containsExactly(Link.of(1, 2, 2, 2), Link.of(2, 2, 1, 2));
    }

    private static void assertSpanningTree(TopologySnapshot t) {
        for (ConnectedComponent c : t.components()) {
            long cables =
                    t.treeLinks().stream()
                            .filter(l -> c.contains(l.srcDpid()))
                            .filter(l -> l.srcDpid().compareTo(l.dstDpid()) < 0)
                            .count();
            assertThat(cables).isEqualTo(c.size() - 1);
            // Every switch is reached from the root over tree links.
            Set<Dpid> reached = new java.util.HashSet<>(Set.of(c.id()));
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Link l : t.treeLinks()) {
                    if (reached.contains(l.srcDpid()) && reached.add(l.dstDpid())) {
                        grew = true;
                    }
                }
            }
            assertThat(reached).isEqualTo(c.switches());
        }
    }

    @Test
    void latencyChangesShareTheShapeAndCapacityOrLinkChangesDoNot() {
        TopologySnapshot ring = TopologyFixtures.ring(4);
        Map<Link, LinkInfo> slower = new java.util.HashMap<>(ring.linkInfos());
        Link l = ring.links().iterator().next();
        slower.put(l, slower.get(l).withLatencyNanos(5_000_000));

        TopologySnapshot next = ring.next(Instant.EPOCH, ring.switches(), slower);

        assertThat(next.sameShapeAs(ring)).isTrue();
        assertThat(next.linkInfo(l).orElseThrow().latencyNanos()).isEqualTo(5_000_000);
        assertThat(next.treeLinks()).isEqualTo(ring.treeLinks());
        assertThat(next.version()).isEqualTo(ring.version() + 1);

        Map<Link, LinkInfo> narrower = new java.util.HashMap<>(ring.linkInfos());
        narrower.put(l, narrower.get(l).withCapacityMbps(1));
        assertThat(ring.next(Instant.EPOCH, ring.switches(), narrower).sameShapeAs(ring)).isFalse();
        Map<Link, LinkInfo> fewer = new java.util.HashMap<>(ring.linkInfos());
        fewer.remove(l);
        TopologySnapshot cut = ring.next(Instant.EPOCH, ring.switches(), fewer);
        assertThat(cut.sameShapeAs(ring)).isFalse();
        assertThat(cut.contains(l)).isFalse();
    }
}
