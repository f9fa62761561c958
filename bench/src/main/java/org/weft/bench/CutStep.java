package org.weft.bench;

import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.failover.FailoverEvent;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.EmulatedSwitch;

/**
 * One cut of a failover run: picks a cable on the active path between two hosts in different pods,
 * cuts it, waits for Weft's REROUTED event and for the switches to equal the routing intent, checks
 * that nothing outputs into the cut ports, then restores the cable and waits for the RECOVERED
 * re-optimisation and convergence again.
 */
final class CutStep {

    private static final Logger log = LoggerFactory.getLogger(CutStep.class);

    private final FailoverBed bed;
    private final List<EdgeHost> hosts;

    CutStep(FailoverBed bed, List<EdgeHost> hosts) {
        this.bed = bed;
        this.hosts = hosts;
    }

    /**
     * Cut {@code i} of {@code cuts}: even cuts take an edge-aggregation cable, odd ones an
     * aggregation-core cable; the source host and the equal-cost member taken rotate with {@code
     * i}.
     */
    FailoverResult.Cut run(int i, int cuts) throws InterruptedException {
        int n = hosts.size();
        EdgeHost a = hosts.get((i * Math.max(1, n / cuts)) % n);
        EdgeHost b = farHost(a);
        boolean upper = i % 2 == 1;
        EmulatedFabric fabric = bed.fabric();
        EmulatedSwitch edge = fabric.get(a.at().dpid());
        EmulatedFabric.Cable up =
                RouteChecks.nextHop(fabric, edge, b.mac(), i / 2)
                        .orElseThrow(() -> noPath(edge, a, b));
        EmulatedFabric.Cable cable = up;
        if (upper) {
            EmulatedSwitch agg = fabric.get(up.peer(edgeEnd(up, edge)).dpid());
            cable =
                    RouteChecks.nextHop(fabric, agg, b.mac(), i / 2)
                            .orElseThrow(() -> noPath(agg, a, b));
        }
        String layer = upper ? "agg-core" : "edge-agg";
        String pair = "h" + a.index() + "->h" + b.index();
        log.info("Cut {}: {} cable {} on the path {}", i + 1, layer, cable, pair);

        int mark = bed.watch().mark();
        ThreadCpu routing = ThreadCpu.named("weft-routing");
        long t0 = System.nanoTime();
        fabric.cut(cable);
        List<FailoverWatch.Seen> events = bed.watch().awaitRerouted(mark, cable, t0 + nanos());
        double routingCpuMs = routing.seconds() * 1_000;
        int staleAtEvent = RouteChecks.pointingInto(fabric, cable);
        OptionalLong converged = bed.awaitConverged(bed.deadline());
        long convergedMillis =
                converged.isPresent() ? (converged.getAsLong() - t0) / 1_000_000 : -1;
        int staleAfter = RouteChecks.pointingInto(fabric, cable);
        if (!bed.awaitSettled(bed.deadline())) {
            log.warn("Cut {}: routing did not settle after the cut within {}", i + 1, bed.limit());
        }
        if (events.isEmpty()) {
            log.warn("Cut {}: no REROUTED event for {} within {}", i + 1, cable, bed.limit());
        }
        int unrelated =
                (int)
                        bed.watch().since(mark).stream()
                                .filter(s -> s.event().type() == FailoverEvent.Type.REROUTED)
                                .filter(s -> !events.contains(s))
                                .count();
        long recoveredMillis = restore(i, cable);
        return summarise(
                layer,
                cable,
                pair,
                events,
                t0,
                staleAtEvent,
                staleAfter,
                convergedMillis,
                recoveredMillis,
                unrelated,
                routingCpuMs);
    }

    private static FailoverResult.Cut summarise(
            String layer,
            EmulatedFabric.Cable cable,
            String pair,
            List<FailoverWatch.Seen> events,
            long t0,
            int staleAtEvent,
            int staleAfter,
            long convergedMillis,
            long recoveredMillis,
            int unrelated,
            double routingCpuMs) {
        long seen = -1;
        long reaction = -1;
        long detected = Long.MAX_VALUE;
        long rerouted = Long.MIN_VALUE;
        int destinations = 0;
        int changes = 0;
        for (FailoverWatch.Seen s : events) {
            seen = Math.max(seen, s.seenNanos() - t0);
            reaction = Math.max(reaction, s.change().reactionNanos());
            detected = Math.min(detected, s.change().detectedAtMillis());
            rerouted = Math.max(rerouted, s.change().reroutedAtMillis());
            destinations += s.change().destinations();
            changes += s.change().flowChanges();
        }
        return new FailoverResult.Cut(
                layer,
                cable.a() + "-" + cable.b(),
                pair,
                events.size(),
                seen,
                reaction,
                events.isEmpty() ? -1 : rerouted - detected,
                destinations,
                changes,
                staleAtEvent,
                staleAfter,
                convergedMillis,
                recoveredMillis,
                unrelated,
                routingCpuMs);
    }

    /** Restores the cable; milliseconds to the RECOVERED event, -1 if none came in time. */
    private long restore(int i, EmulatedFabric.Cable cable) throws InterruptedException {
        int mark = bed.watch().mark();
        long t0 = System.nanoTime();
        bed.fabric().restore(cable);
        if (!bed.awaitLinks(bed.deadline())) {
            log.warn("Cut {}: {} not rediscovered within {}", i + 1, cable, bed.limit());
            return -1;
        }
        // The re-optimisation starts a hold-down after the last link came back, so after now.
        long linksBackAt = System.currentTimeMillis();
        FailoverWatch.Seen recovered =
                bed.watch().awaitRecovered(mark, linksBackAt, bed.deadline());
        if (recovered == null || !bed.awaitSettled(bed.deadline())) {
            log.warn("Cut {}: no re-optimisation and convergence after the restore", i + 1);
            return -1;
        }
        return (recovered.seenNanos() - t0) / 1_000_000;
    }

    /** The first host, from half the list on, in another pod than {@code a}. */
    private EdgeHost farHost(EdgeHost a) {
        int n = hosts.size();
        int start = hosts.indexOf(a) + n / 2;
        for (int j = 0; j < n; j++) {
            EdgeHost b = hosts.get((start + j) % n);
            if (!b.pod().equals(a.pod())) {
                return b;
            }
        }
        throw new IllegalStateException("every host is in the pod of " + a.at());
    }

    private static org.weft.net.ConnectPoint edgeEnd(EmulatedFabric.Cable c, EmulatedSwitch edge) {
        return c.a().dpid().equals(edge.dpid()) ? c.a() : c.b();
    }

    private static IllegalStateException noPath(EmulatedSwitch sw, EdgeHost a, EdgeHost b) {
        return new IllegalStateException(
                "no route toward h"
                        + b.index()
                        + " on "
                        + sw.dpid()
                        + " (path from h"
                        + a.index()
                        + ")");
    }

    private long nanos() {
        return bed.limit().toNanos();
    }
}
