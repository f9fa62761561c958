package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.failover.LocalProtection;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.LinkWeighers;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;

/**
 * A switch that leaves the topology takes its U-turn rule (at a neighbour) with it: the neighbour
 * is rebuilt, so the programmer removes that rule, and the plan equals planning from scratch.
 */
class PlanPatchTest {

    @Test
    void aSwitchThatLeavesRebuildsTheSwitchItsUturnRuleWasOn() {
        TopologySnapshot full = TopologyFixtures.ring(6);
        Map<Dpid, SwitchInfo> switches = DestinationPlannerTest.switches(full, true);
        LocalProtection protection = new LocalProtection();
        int found = 0;
        for (HostAttachment h : DestinationPlannerTest.hostPerSwitch(full).values()) {
            PlannedRoute before =
                    DestinationPlanner.plan(
                            new PlanContext(full, LinkWeighers.HOP_COUNT, switches, protection),
                            h,
                            0,
                            null);
            for (var e : before.parts().toMap().entrySet()) {
                Dpid s = e.getKey();
                if (e.getValue().uturn() == null || s.equals(h.location().dpid())) {
                    continue;
                }
                Dpid uturnAt = e.getValue().uturn().dpid();
                if (uturnAt.equals(h.location().dpid())) {
                    continue;
                }
                found++;
                Set<Dpid> up = new HashSet<>(full.switches());
                up.remove(s);
                Map<Link, LinkInfo> links = new HashMap<>(full.linkInfos());
                links.keySet().removeIf(l -> l.srcDpid().equals(s) || l.dstDpid().equals(s));
                TopologySnapshot without = full.next(Instant.now(), up, links);
                Map<Dpid, SwitchInfo> connected = new HashMap<>(switches);
                connected.remove(s);
                PlanContext ctx =
                        new PlanContext(without, LinkWeighers.HOP_COUNT, connected, protection);
                PlannedRoute after = DestinationPlanner.plan(ctx, h, 0, before);

                assertThat(after.rebuilt()).as("%s leaves, toward %s", s, h.location()).isNotNull();
                assertThat(after.rebuilt()).contains(s, uturnAt);
                assertThat(after.plan()).isEqualTo(DestinationPlanner.plan(ctx, h, 0));
                assertThat(after.plan().flows().get(uturnAt)).doesNotContain(e.getValue().uturn());
            }
        }
        assertThat(found).as("U-turn rules away from the destination's switch").isPositive();
    }
}
