package org.weft.routing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;
import org.weft.net.topology.TopologySnapshot;
import org.weft.openflow.emulator.FakeFlowTable;
import org.weft.openflow.emulator.PacketHeaders;

/**
 * Faucet-style check of generated rules: one fake flow table per switch, cables from a topology
 * snapshot, and a tracer that follows a packet hop by hop through every branch (select groups fan
 * out to every bucket) and reports where it leaves the fabric, failing on a loop.
 */
final class FakeFabric {

    private final TopologySnapshot topo;
    private final Map<Dpid, FakeFlowTable> tables = new HashMap<>();
    private final java.util.Set<ConnectPoint> deadPorts = new java.util.HashSet<>();

    FakeFabric(TopologySnapshot topo) {
        this.topo = topo;
        topo.switches().forEach(s -> tables.put(s, new FakeFlowTable()));
    }

    void apply(RoutingPlan plan) {
        plan.groups().forEach((dpid, g) -> table(dpid).putGroup(g));
        plan.flows().forEach((dpid, r) -> table(dpid).add(r));
    }

    /**
     * Cuts a cable: both of its ports go down (switch-local protection reacts; nothing is
     * re-planned).
     */
    void cut(Link link) {
        deadPorts.add(link.src());
        deadPorts.add(link.dst());
    }

    void remove(RoutingPlan plan) {
        plan.flows().forEach((dpid, r) -> table(dpid).removeStrict(r));
        plan.groups().forEach((dpid, g) -> table(dpid).removeGroup(g.groupId()));
    }

    FakeFlowTable table(Dpid dpid) {
        return tables.computeIfAbsent(dpid, d -> new FakeFlowTable());
    }

    List<FlowRule> flows(Dpid dpid) {
        return table(dpid).flows();
    }

    List<Group> groups(Dpid dpid) {
        return table(dpid).groups();
    }

    /**
     * Where a packet from {@code from} to {@code dst} leaves the fabric: edge ports (or
     * CONTROLLER).
     */
    List<ConnectPoint> trace(ConnectPoint from, MacAddress src, MacAddress dst) {
        return trace(List.of(from), src, dst);
    }

    /**
     * Where a packet the controller sends out of these ports of a switch (a packet-out) ends up.
     */
    List<ConnectPoint> packetOut(
            Dpid dpid, Iterable<PortNumber> ports, MacAddress src, MacAddress dst) {
        List<ConnectPoint> out = new ArrayList<>();
        List<ConnectPoint> arrivals = new ArrayList<>();
        for (PortNumber port : ports) {
            Optional<Link> link = linkFrom(ConnectPoint.of(dpid, port));
            if (link.isPresent()) {
                arrivals.add(link.get().dst());
            } else {
                out.add(ConnectPoint.of(dpid, port));
            }
        }
        out.addAll(trace(arrivals, src, dst));
        return out;
    }

    private List<ConnectPoint> trace(List<ConnectPoint> from, MacAddress src, MacAddress dst) {
        List<ConnectPoint> out = new ArrayList<>();
        Deque<ConnectPoint> work = new ArrayDeque<>(from);
        int hops = 0;
        while (!work.isEmpty()) {
            if (++hops > 10_000) {
                throw new AssertionError(
                        "forwarding loop tracing " + src + "->" + dst + " from " + from);
            }
            ConnectPoint at = work.poll();
            PacketHeaders p = PacketHeaders.ethernet(at.port(), src, dst, 0x0800);
            for (PortNumber port :
                    table(at.dpid())
                            .outputs(p, x -> !deadPorts.contains(ConnectPoint.of(at.dpid(), x)))) {
                if (deadPorts.contains(ConnectPoint.of(at.dpid(), port))) {
                    continue; // sent into a dead port: lost
                }
                if (port.equals(PortNumber.CONTROLLER)) {
                    out.add(ConnectPoint.of(at.dpid(), port));
                    continue;
                }
                Optional<Link> link = linkFrom(ConnectPoint.of(at.dpid(), port));
                if (link.isPresent()) {
                    work.add(link.get().dst());
                } else {
                    out.add(ConnectPoint.of(at.dpid(), port));
                }
            }
        }
        return out;
    }

    private Optional<Link> linkFrom(ConnectPoint cp) {
        return topo.linksFrom(cp.dpid()).stream().filter(l -> l.src().equals(cp)).findFirst();
    }
}
