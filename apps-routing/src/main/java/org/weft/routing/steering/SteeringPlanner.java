package org.weft.routing.steering;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.IpAddress;
import org.weft.net.Link;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.net.host.Host;
import org.weft.net.steering.SteeringException;
import org.weft.net.steering.SteeringRequest;
import org.weft.net.steering.SteeringRule.State;
import org.weft.net.topology.LinkWeigher;
import org.weft.net.topology.LinkWeighers;
import org.weft.net.topology.Path;
import org.weft.net.topology.PathService;
import org.weft.net.topology.TopologySnapshot;

/**
 * Pure planning of one steering rule over a topology snapshot: which switches it crosses and the
 * flow each of them needs. No I/O, so it is tested without switches.
 */
final class SteeringPlanner {

    /**
     * The outcome for one rule.
     *
     * @param flows by switch, one flow each; empty unless the state is INSTALLED (to be)
     */
    record Plan(State state, String detail, List<Dpid> path, Map<Dpid, FlowRule> flows) {
        static Plan notInstalled(State state, String detail) {
            return new Plan(state, detail, List.of(), Map.of());
        }
    }

    private SteeringPlanner() {}

    /**
     * Checks a new request against the snapshot.
     *
     * @throws SteeringException naming the first unknown switch, unknown link or unlinked hop
     */
    static void validate(SteeringRequest req, TopologySnapshot snapshot) {
        for (Dpid d : req.path()) {
            if (!snapshot.contains(d)) {
                throw new SteeringException(
                        SteeringException.Kind.UNKNOWN_SWITCH, "no switch " + d + " in topology");
            }
        }
        for (int i = 1; i < req.path().size(); i++) {
            Dpid a = req.path().get(i - 1);
            Dpid b = req.path().get(i);
            if (linkBetween(snapshot, a, b).isEmpty()) {
                throw new SteeringException(
                        SteeringException.Kind.NOT_LINKED,
                        "hops "
                                + i
                                + " and "
                                + (i + 1)
                                + " of the path are not linked: no link from "
                                + a
                                + " to "
                                + b);
            }
        }
        for (Link l : req.avoidLinks()) {
            if (!snapshot.contains(l)) {
                throw new SteeringException(
                        SteeringException.Kind.UNKNOWN_LINK, "no link " + l + " in topology");
            }
        }
    }

    /**
     * Plans a rule.
     *
     * @param hostByIp finds a host by address
     * @param ruleNumber the rule's number, the low bits of its flows' cookie
     */
    static Plan plan(
            SteeringRequest req,
            long ruleNumber,
            TopologySnapshot snapshot,
            PathService paths,
            LinkWeigher base,
            Function<IpAddress, Optional<Host>> hostByIp) {
        Optional<Host> dst = hostByIp.apply(req.ipv4Dst().address());
        if (dst.isEmpty()) {
            return Plan.notInstalled(
                    State.WAITING_FOR_HOST, "destination host " + req.ipv4Dst() + " not seen yet");
        }
        ConnectPoint egress = dst.get().location();
        List<Link> hops;
        if (req.isExplicitPath()) {
            Dpid last = req.path().get(req.path().size() - 1);
            if (!last.equals(egress.dpid())) {
                return Plan.notInstalled(
                        State.BROKEN,
                        "destination host "
                                + req.ipv4Dst()
                                + " is on "
                                + egress.dpid()
                                + ", not on the path's last switch "
                                + last);
            }
            hops = new ArrayList<>();
            for (int i = 1; i < req.path().size(); i++) {
                Dpid a = req.path().get(i - 1);
                Dpid b = req.path().get(i);
                Optional<Link> l = linkBetween(snapshot, a, b);
                if (l.isEmpty()) {
                    return Plan.notInstalled(
                            State.BROKEN, "no link from " + a + " to " + b + " any more");
                }
                hops.add(l.get());
            }
        } else {
            Optional<Host> src = hostByIp.apply(req.ipv4Src().address());
            if (src.isEmpty()) {
                return Plan.notInstalled(
                        State.WAITING_FOR_HOST, "source host " + req.ipv4Src() + " not seen yet");
            }
            Optional<Path> p =
                    paths.getPath(
                            src.get().location().dpid(),
                            egress.dpid(),
                            LinkWeighers.excluding(base, req.avoidLinks()));
            if (p.isEmpty()) {
                return Plan.notInstalled(
                        State.NO_PATH,
                        "no path from "
                                + src.get().location().dpid()
                                + " to "
                                + egress.dpid()
                                + " avoids "
                                + req.avoidLinks());
            }
            hops = p.get().links();
        }
        Map<Dpid, FlowRule> flows = new LinkedHashMap<>();
        List<Dpid> switches = new ArrayList<>();
        for (Link l : hops) {
            switches.add(l.srcDpid());
            flows.put(l.srcDpid(), flow(req, ruleNumber, l.src()));
        }
        switches.add(egress.dpid());
        flows.put(egress.dpid(), flow(req, ruleNumber, egress));
        return new Plan(State.INSTALLED, "", switches, flows);
    }

    private static FlowRule flow(SteeringRequest req, long ruleNumber, ConnectPoint out) {
        return FlowRule.builder(out.dpid())
                .priority(SteeringRequest.PRIORITY)
                .match(req.match())
                .actions(FlowAction.output(out.port()))
                .cookie(Cookies.make(Cookies.STEERING_APP, ruleNumber))
                .build();
    }

    /** The smallest live link from a to b. */
    static Optional<Link> linkBetween(TopologySnapshot snapshot, Dpid a, Dpid b) {
        return snapshot.linksFrom(a).stream()
                .filter(l -> l.dstDpid().equals(b))
                .min(Comparator.naturalOrder());
    }
}
