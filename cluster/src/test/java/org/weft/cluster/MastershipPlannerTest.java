package org.weft.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;

class MastershipPlannerTest {

    private static Map<Dpid, Set<String>> allSeeAll(int switches, Set<String> nodes) {
        Map<Dpid, Set<String>> seen = new HashMap<>();
        for (int i = 1; i <= switches; i++) {
            seen.put(Dpid.of(i), nodes);
        }
        return seen;
    }

    private static Map<String, Integer> loads(Map<Dpid, String> plan) {
        Map<String, Integer> load = new HashMap<>();
        plan.values().forEach(n -> load.merge(n, 1, Integer::sum));
        return load;
    }

    @Test
    void spreadsSwitchesWithinOne() {
        Set<String> nodes = Set.of("a", "b", "c");
        SortedMap<Dpid, String> plan =
                MastershipPlanner.plan(nodes, allSeeAll(10, nodes), Map.of());
        assertThat(plan).hasSize(10);
        assertThat(loads(plan).values()).containsExactlyInAnyOrder(4, 3, 3);
    }

    @Test
    void keepsLiveMastersAndMovesOnlyWhatBalanceNeeds() {
        Set<String> nodes = Set.of("a", "b", "c");
        Map<Dpid, String> current = new HashMap<>();
        for (int i = 1; i <= 6; i++) {
            current.put(Dpid.of(i), i <= 3 ? "a" : "b");
        }
        SortedMap<Dpid, String> plan = MastershipPlanner.plan(nodes, allSeeAll(6, nodes), current);
        assertThat(loads(plan)).containsEntry("a", 2).containsEntry("b", 2).containsEntry("c", 2);
        long moved =
                plan.entrySet().stream()
                        .filter(e -> !e.getValue().equals(current.get(e.getKey())))
                        .count();
        assertThat(moved).isEqualTo(2);
    }

    @Test
    void deadMastersLoseTheirSwitchesToLiveOnesThatSeeThem() {
        Map<Dpid, Set<String>> seen = Map.of(Dpid.of(1), Set.of("a", "b"), Dpid.of(2), Set.of("a"));
        Map<Dpid, String> current = Map.of(Dpid.of(1), "a", Dpid.of(2), "a");
        SortedMap<Dpid, String> plan = MastershipPlanner.plan(Set.of("b", "c"), seen, current);
        assertThat(plan).containsExactly(Map.entry(Dpid.of(1), "b"));
    }

    @Test
    void aSwitchGoesOnlyToInstancesThatSeeIt() {
        Map<Dpid, Set<String>> seen = new HashMap<>();
        for (int i = 1; i <= 4; i++) {
            seen.put(Dpid.of(i), Set.of("a"));
        }
        SortedMap<Dpid, String> plan = MastershipPlanner.plan(Set.of("a", "b"), seen, Map.of());
        assertThat(plan.values()).containsOnly("a");
    }

    @Test
    void theSameInputsGiveTheSamePlan() {
        Set<String> nodes = Set.of("x", "y", "z");
        assertThat(MastershipPlanner.plan(nodes, allSeeAll(50, nodes), Map.of()))
                .isEqualTo(MastershipPlanner.plan(nodes, allSeeAll(50, nodes), Map.of()));
    }
}
