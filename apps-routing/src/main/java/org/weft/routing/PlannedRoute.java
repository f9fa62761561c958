package org.weft.routing;

import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.topology.NextHops;

/**
 * A destination's plan with what it was made from, so that the next plan for the destination can
 * rebuild only the switches whose inputs changed ({@link ReplanScope}).
 *
 * @param context the planning context (snapshot, weigher, switches) it was made with
 * @param hops the next hops toward the destination's switch; null when that switch was not in the
 *     topology
 * @param host the destination
 * @param hostIndex the destination's index (its rules' cookie)
 * @param parts every switch's contribution, by switch
 * @param plan the plan
 * @param rebuilt the switches whose entries may differ from the previous plan; null when the plan
 *     was made from scratch
 */
record PlannedRoute(
        PlanContext context,
        NextHops hops,
        HostAttachment host,
        int hostIndex,
        SwitchMap<SwitchPart> parts,
        RoutingPlan plan,
        Set<Dpid> rebuilt) {}
