package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.ListMultimap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.MacAddress;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;

class LinkRouteIndexTest {

    private static final PlanKey H = key(1);
    private static final PlanKey OTHER = key(2);

    private static PlanKey key(long mac) {
        return PlanKey.of(
                org.weft.net.host.HostId.of(
                        org.weft.net.MacAddress.of(mac), org.weft.net.host.HostId.NO_VLAN));
    }

    private final TopologySnapshot ring = TopologyFixtures.ring(4);
    private final Dpid s1 = Dpid.of(1);
    private final Link toS2 = linkTo(2);
    private final Link toS4 = linkTo(4);
    private final LinkRouteIndex index = new LinkRouteIndex();

    private Link linkTo(long dst) {
        return ring.linksFrom(s1).stream()
                .filter(l -> l.dstDpid().equals(Dpid.of(dst)))
                .findFirst()
                .orElseThrow();
    }

    /** A plan with one rule on s1 out of the link's port, or a group over both links. */
    private RoutingPlan via(Link... links) {
        ListMultimap<Dpid, FlowRule> flows = ArrayListMultimap.create();
        ListMultimap<Dpid, Group> groups = ArrayListMultimap.create();
        FlowRule.Builder rule =
                FlowRule.builder(s1)
                        .priority(1000)
                        .match(FlowMatch.builder().ethDst(MacAddress.of(7)).build());
        if (links.length == 1) {
            flows.put(s1, rule.actions(FlowAction.output(links[0].src().port())).build());
        } else {
            List<Group.Bucket> buckets =
                    List.of(links).stream()
                            .map(
                                    l ->
                                            new Group.Bucket(
                                                    1,
                                                    l.src().port(),
                                                    List.of(FlowAction.output(l.src().port()))))
                            .toList();
            groups.put(s1, new Group(s1, 1, Group.Type.FAST_FAILOVER, buckets));
            flows.put(s1, rule.actions(new FlowAction.ToGroup(1)).build());
        }
        return RoutingPlan.of(flows, groups);
    }

    @Test
    void aReplanMovesTheKeyToItsNewLinksOnly() {
        index.put(H, via(toS2, toS4), ring);
        index.put(OTHER, via(toS2), ring);
        assertThat(index.keysUsing(List.of(toS4))).containsExactly(H);
        assertThat(index.keysUsing(List.of(toS2))).containsExactlyInAnyOrder(H, OTHER);

        index.put(H, via(toS4), ring);

        assertThat(index.keysUsing(List.of(toS2))).containsExactly(OTHER);
        assertThat(index.keysUsing(List.of(toS4))).containsExactly(H);

        index.put(H, RoutingPlan.empty(), ring);
        assertThat(index.keysUsing(List.of(toS2, toS4))).containsExactly(OTHER);
        index.remove(OTHER);
        assertThat(index.keysUsing(List.of(toS2, toS4))).isEmpty();
    }

    @Test
    void keysSharingPortSetsStayApartAndSharingOnlyEverSavesMemory() {
        PlanKey third = key(3);
        // Room for one shared set: the second distinct set empties it, and again after.
        LinkRouteIndex small = new LinkRouteIndex(1);
        small.put(H, via(toS2), ring);
        small.put(OTHER, via(toS2, toS4), ring);
        small.put(third, via(toS2), ring);

        assertThat(small.keysUsing(List.of(toS2))).containsExactlyInAnyOrder(H, OTHER, third);
        assertThat(small.keysUsing(List.of(toS4))).containsExactly(OTHER);

        small.put(H, via(toS4), ring);

        assertThat(small.keysUsing(List.of(toS2))).containsExactlyInAnyOrder(OTHER, third);
        assertThat(small.keysUsing(List.of(toS4))).containsExactlyInAnyOrder(H, OTHER);
    }

    private Group groupOver(Link... links) {
        return new Group(
                s1,
                1,
                Group.Type.SELECT,
                List.of(links).stream()
                        .map(
                                l ->
                                        new Group.Bucket(
                                                1,
                                                null,
                                                List.of(FlowAction.output(l.src().port()))))
                        .toList());
    }

    /** A plan whose rule at s1 goes into {@code g}, with one more rule out of {@code also}. */
    private RoutingPlan into(Group g, Link also) {
        ListMultimap<Dpid, FlowRule> flows = ArrayListMultimap.create();
        ListMultimap<Dpid, Group> groups = ArrayListMultimap.create();
        FlowRule.Builder rule =
                FlowRule.builder(s1).match(FlowMatch.builder().ethDst(MacAddress.of(7)).build());
        flows.put(s1, rule.priority(1000).actions(new FlowAction.ToGroup(g.groupId())).build());
        if (also != null) {
            flows.put(
                    s1,
                    rule.priority(900)
                            .match(FlowMatch.builder().ethDst(MacAddress.of(8)).build())
                            .actions(FlowAction.output(also.src().port()))
                            .build());
        }
        groups.put(s1, g);
        return RoutingPlan.of(flows, groups);
    }

    @Test
    void aSwitchsRuleOutputsAndGroupBucketsBothCount() {
        index.put(H, into(groupOver(toS4), toS2), ring);

        assertThat(index.keysUsing(List.of(toS2))).containsExactly(H);
        assertThat(index.keysUsing(List.of(toS4))).containsExactly(H);
    }

    @Test
    void aGroupSharedByKeysCountsForEachAndAnotherGroupWithItsIdForItsOwnPorts() {
        PlanKey third = key(3);
        Group both = groupOver(toS2, toS4);
        index.put(H, into(both, null), ring);
        index.put(OTHER, into(both, null), ring);
        index.put(third, into(groupOver(toS4), null), ring);

        assertThat(index.keysUsing(List.of(toS2))).containsExactlyInAnyOrder(H, OTHER);
        assertThat(index.keysUsing(List.of(toS4))).containsExactlyInAnyOrder(H, OTHER, third);
    }
}
