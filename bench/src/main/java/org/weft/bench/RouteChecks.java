package org.weft.bench;

import com.google.common.collect.Sets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.weft.net.ConnectPoint;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.reconcile.SwitchEntries;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.routing.RoutingApp;
import org.weft.routing.RoutingPlan;

/** What the emulated switches hold, compared with what Weft's routing app intends. */
final class RouteChecks {

    private RouteChecks() {}

    /**
     * Routing is idle and every switch holds exactly the routing app's intended flows (by cookie)
     * and groups: nothing stale, nothing missing.
     */
    static boolean converged(RoutingApp routing, EmulatedFabric fabric) {
        return difference(routing, fabric).isEmpty();
    }

    /**
     * What keeps the fabric from having converged (routing busy, or the first switch whose table
     * differs from the intent, and how); empty once it has.
     */
    static Optional<String> difference(RoutingApp routing, EmulatedFabric fabric) {
        if (!routing.isIdle()) {
            return Optional.of("routing busy");
        }
        // Counts first, against what routing's writer asked each switch for (a copy of two lists
        // per switch): while routes are still being installed, most switches hold fewer entries
        // than intended, and merging every destination's plan or comparing the entries
        // themselves (hashing every rule and group of every switch) would take CPU from the run
        // it measures.
        IntentSource asked = routing.intentSource();
        for (EmulatedSwitch sw : fabric.switches()) {
            SwitchEntries e = asked.intended(sw.dpid());
            if (sw.table().groupCount() != e.groups().size()
                    || sw.table().flowCount() < e.flows().size()) {
                return Optional.of(
                        String.format(
                                "%s holds %d flows and %d groups, asked for %d and %d",
                                sw.dpid(),
                                sw.table().flowCount(),
                                sw.table().groupCount(),
                                e.flows().size(),
                                e.groups().size()));
            }
        }
        RoutingPlan intended = routing.intended();
        for (EmulatedSwitch sw : fabric.switches()) {
            Set<FlowRule> actual = new HashSet<>();
            for (FlowRule r : sw.table().flows()) {
                if (Cookies.appId(r.cookie()) == Cookies.ROUTING_APP) {
                    actual.add(r);
                }
            }
            Optional<String> differs =
                    differs(sw, "routing flows", actual, intended.flows().get(sw.dpid()))
                            .or(
                                    () ->
                                            differs(
                                                    sw,
                                                    "groups",
                                                    sw.table().groups(),
                                                    intended.groups().get(sw.dpid())));
            if (differs.isPresent()) {
                return differs;
            }
        }
        return routing.isIdle() ? Optional.empty() : Optional.of("routing busy again");
    }

    /** How a switch's entries of one kind differ from the intended ones; empty when they do not. */
    private static <T> Optional<String> differs(
            EmulatedSwitch sw, String what, Iterable<T> held, Iterable<T> intended) {
        Set<T> actual = Sets.newHashSet(held);
        Set<T> wanted = Sets.newHashSet(intended);
        if (actual.equals(wanted)) {
            return Optional.empty();
        }
        return Optional.of(
                String.format(
                        "%s: %d %s not intended, %d intended missing",
                        sw.dpid(),
                        Sets.difference(actual, wanted).size(),
                        what,
                        Sets.difference(wanted, actual).size()));
    }

    /**
     * Flows and group buckets (backups included) on the cable's two switches that output into the
     * cable's ports.
     */
    static int pointingInto(EmulatedFabric fabric, EmulatedFabric.Cable cable) {
        int n = 0;
        for (ConnectPoint end : List.of(cable.a(), cable.b())) {
            EmulatedSwitch sw = fabric.get(end.dpid());
            for (FlowRule r : sw.table().flows()) {
                n += outputs(r.actions(), end.port()) ? 1 : 0;
            }
            for (Group g : sw.table().groups()) {
                for (Group.Bucket b : g.buckets()) {
                    n += outputs(b.actions(), end.port()) ? 1 : 0;
                }
            }
        }
        return n;
    }

    private static boolean outputs(List<FlowAction> actions, PortNumber port) {
        return actions.stream()
                .anyMatch(a -> a instanceof FlowAction.Output o && o.port().equals(port));
    }

    /**
     * The cable that the switch's host rule toward {@code dst} sends packets over now: the rule's
     * output, or a live bucket of its group: a fast-failover group's active (first live) bucket, a
     * select group's live member number {@code pick} (modulo their count).
     */
    static Optional<EmulatedFabric.Cable> nextHop(
            EmulatedFabric fabric, EmulatedSwitch sw, MacAddress dst, int pick) {
        Optional<FlowRule> rule =
                sw.table().flows().stream()
                        .filter(r -> dst.equals(r.match().ethDst()) && r.match().inPort() == null)
                        .findFirst();
        if (rule.isEmpty() || rule.get().actions().isEmpty()) {
            return Optional.empty();
        }
        FlowAction first = rule.get().actions().get(0);
        Optional<PortNumber> port = Optional.empty();
        if (first instanceof FlowAction.Output o) {
            port = Optional.of(o.port());
        } else if (first instanceof FlowAction.ToGroup tg
                && sw.table().group(tg.groupId()).isPresent()) {
            Group g = sw.table().group(tg.groupId()).get();
            List<PortNumber> live =
                    g.buckets().stream()
                            .filter(b -> b.watchPort() == null || sw.isPortLive(b.watchPort()))
                            .flatMap(b -> b.actions().stream())
                            .filter(a -> a instanceof FlowAction.Output)
                            .map(a -> ((FlowAction.Output) a).port())
                            .toList();
            if (!live.isEmpty()) {
                int at = g.type() == Group.Type.SELECT ? Math.floorMod(pick, live.size()) : 0;
                port = Optional.of(live.get(at));
            }
        }
        return port.flatMap(p -> fabric.cableAt(ConnectPoint.of(sw.dpid(), p)));
    }
}
