package org.weft.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.weft.net.Link;
import org.weft.net.host.Host;
import org.weft.net.host.HostId;
import org.weft.net.routing.DestinationIds;

/**
 * The routing app's plan store for destinations: each routed host's index (its group id and
 * cookie), its last plan (so the next one rebuilds only what changed, {@link ReplanScope}), and the
 * {@link LinkRouteIndex} of which destinations use which link, kept in step with every plan handed
 * to the programmer. The index lives here, not in the failover app, because it is updated from the
 * plans on every routing (host events, re-optimisations) and read only to answer a restoration
 * through {@code RoutePlanner.restore}. The routing app's thread only.
 */
final class DestinationRoutes {

    private final RouteProgrammer programmer;
    private final LinkRouteIndex index = new LinkRouteIndex();
    private final Map<PlanKey, PlannedRoute> planned = new ConcurrentHashMap<>();
    private final DestinationIds ids;

    DestinationRoutes(RouteProgrammer programmer, DestinationIds ids) {
        this.programmer = programmer;
        this.ids = ids;
    }

    /** Plans (incrementally where it can) and programs the routes toward a host. */
    CompletableFuture<Integer> route(PlanContext ctx, Host h) {
        RouteProgrammer.Update u = plan(ctx, h);
        return programmer.update(u.key(), u.plan(), u.first(), u.mayDiffer());
    }

    /**
     * Most destinations handed to the programmer together: the switches take one slice's entries
     * while the next slice is planned (planning 392 destinations on 980 switches takes seconds of
     * the routing thread), and each switch still gets one change per slice, not per destination.
     */
    static final int SLICE = 64;

    /**
     * Plans the routes toward each host and programs them together, in slices of {@value #SLICE}
     * ({@link RouteProgrammer#updateAll}); a host whose planning fails gets a failed future,
     * reported to {@code failed}, and the others go on. Returns one future per host, in order.
     */
    List<CompletableFuture<Integer>> routeAll(
            PlanContext ctx, List<Host> hosts, BiConsumer<Host, RuntimeException> failed) {
        List<CompletableFuture<Integer>> out = new ArrayList<>(hosts.size());
        List<RouteProgrammer.Update> updates = new ArrayList<>(SLICE);
        List<Integer> at = new ArrayList<>(SLICE);
        for (Host h : hosts) {
            try {
                updates.add(plan(ctx, h));
                at.add(out.size());
                out.add(null);
            } catch (RuntimeException e) {
                failed.accept(h, e);
                out.add(CompletableFuture.failedFuture(e));
            }
            if (updates.size() == SLICE) {
                program(updates, at, out);
            }
        }
        program(updates, at, out);
        return out;
    }

    /** Hands a slice of planned updates to the programmer; each future goes to its host's place. */
    private void program(
            List<RouteProgrammer.Update> updates,
            List<Integer> at,
            List<CompletableFuture<Integer>> out) {
        if (updates.isEmpty()) {
            return;
        }
        List<CompletableFuture<Integer>> programmed = programmer.updateAll(updates);
        for (int i = 0; i < programmed.size(); i++) {
            out.set(at.get(i), programmed.get(i));
        }
        updates.clear();
        at.clear();
    }

    /** Plans the routes toward a host and records them (the plan store and link index). */
    private RouteProgrammer.Update plan(PlanContext ctx, Host h) {
        HostAttachment dst =
                new HostAttachment(
                        h.mac(), h.vlan() == HostId.NO_VLAN ? null : h.vlan(), h.location());
        int i = ids.idOf(h.id());
        PlanKey key = PlanKey.of(h.id());
        PlannedRoute route = DestinationPlanner.plan(ctx, dst, i, planned.get(key));
        planned.put(key, route);
        RoutingPlan plan = route.plan();
        if (route.rebuilt() == null) {
            index.put(key, plan, ctx.topology());
        } else {
            index.update(key, plan, ctx.topology(), route.rebuilt());
        }
        return new RouteProgrammer.Update(key, plan, h.location().dpid(), route.rebuilt());
    }

    /** Removes the routes toward a destination. */
    CompletableFuture<Integer> unroute(PlanKey key) {
        planned.remove(key);
        index.remove(key);
        if (key instanceof PlanKey.Destination d) {
            ids.release(d.host());
        }
        return programmer.update(key, RoutingPlan.empty(), null);
    }

    /** The destinations (and other keys) whose routes use any of the links. */
    Set<PlanKey> using(Set<Link> links) {
        return index.keysUsing(links);
    }
}
