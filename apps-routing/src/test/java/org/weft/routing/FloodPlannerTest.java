package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;

class FloodPlannerTest {

    private static void assertBroadcastReachesEveryOtherEdgePortOnce(TopologySnapshot topo) {
        Map<Dpid, HostAttachment> hosts = DestinationPlannerTest.hostPerSwitch(topo);
        Map<Dpid, SwitchInfo> switches = DestinationPlannerTest.switches(topo, true);
        FakeFabric fabric = new FakeFabric(topo);
        fabric.apply(FloodPlanner.plan(topo, switches));

        for (HostAttachment from : hosts.values()) {
            Dpid ingress = from.location().dpid();
            List<ConnectPoint> reached =
                    fabric.packetOut(
                            ingress,
                            FloodPlanner.floodPorts(
                                    topo, ingress, switches.get(ingress), from.location().port()),
                            from.mac(),
                            MacAddress.BROADCAST);
            List<ConnectPoint> others =
                    hosts.values().stream()
                            .map(HostAttachment::location)
                            .filter(cp -> !cp.equals(from.location()))
                            .toList();
            assertThat(reached)
                    .as("broadcast from %s", from.location())
                    .containsExactlyInAnyOrderElementsOf(others);
        }
    }

    @Test
    void ringNeverStormsAndEveryHostGetsOneCopy() {
        assertBroadcastReachesEveryOtherEdgePortOnce(TopologyFixtures.ring(6));
    }

    @Test
    void fatTreeNeverStormsAndEveryHostGetsOneCopy() {
        assertBroadcastReachesEveryOtherEdgePortOnce(TopologyFixtures.fatTree(4));
    }

    @Test
    void leafSpineNeverStormsAndEveryHostGetsOneCopy() {
        assertBroadcastReachesEveryOtherEdgePortOnce(TopologyFixtures.leafSpine(2, 4));
    }

    @Test
    void edgePortsExcludeLinkPorts() {
        TopologySnapshot ring = TopologyFixtures.ring(4);
        Map<Dpid, SwitchInfo> switches = DestinationPlannerTest.switches(ring, true);
        Dpid one = Dpid.of(1);
        assertThat(FloodPlanner.edgePorts(ring, one, switches.get(one)))
                .containsExactly(DestinationPlannerTest.hostPort(ring, one));
        assertThat(FloodPlanner.treePorts(ring, one))
                .isNotEmpty()
                .doesNotContain(DestinationPlannerTest.hostPort(ring, one));
    }
}
