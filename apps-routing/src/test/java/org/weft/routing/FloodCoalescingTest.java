package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;

/**
 * The flood tree is re-planned once per burst of events, and only where its ports moved: the
 * incremental tree equals planning from scratch, covers every switch without a loop, and names
 * exactly the switches whose rules changed.
 */
class FloodCoalescingTest {

    /** An executor that runs nothing until told: the routing thread, busy or not yet scheduled. */
    private static final class QueuedExecutor implements Executor {
        final Queue<Runnable> queue = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            queue.add(task);
        }

        void runAll() {
            while (!queue.isEmpty()) {
                queue.poll().run();
            }
        }
    }

    @Test
    void aBurstOfLinkEventsTriggersOneRecomputation() {
        QueuedExecutor routing = new QueuedExecutor();
        int[] runs = {0};
        CoalescedTask flood = new CoalescedTask(routing, () -> runs[0]++);

        for (int event = 0; event < 50; event++) {
            flood.request();
        }
        assertThat(routing.queue).hasSize(1);
        routing.runAll();
        assertThat(runs[0]).isEqualTo(1);

        // A request after the run started is not lost: it gets a run of its own.
        flood.request();
        flood.request();
        routing.runAll();
        assertThat(runs[0]).isEqualTo(2);
    }

    @Test
    void aRequestDuringTheRunQueuesOneMore() {
        QueuedExecutor routing = new QueuedExecutor();
        List<Integer> seen = new ArrayList<>();
        CoalescedTask[] flood = new CoalescedTask[1];
        flood[0] =
                new CoalescedTask(
                        routing,
                        () -> {
                            seen.add(seen.size());
                            if (seen.size() == 1) {
                                flood[0].request(); // an event arriving mid-computation
                                flood[0].request();
                            }
                        });
        flood[0].request();
        routing.runAll();
        assertThat(seen).containsExactly(0, 1);
    }

    @Test
    void incrementalTreesEqualPlanningFromScratchThroughRandomCuts() {
        TopologySnapshot full = TopologyFixtures.fatTree(4);
        Map<Dpid, SwitchInfo> switches = DestinationPlannerTest.switches(full, true);
        List<Set<Long>> cables = cables(full);
        Random random = new Random(7);
        FloodTree tree = FloodPlanner.plan(full, switches, FloodTree.empty());
        assertThat(tree.changed()).isEqualTo(switches.keySet());
        Set<Set<Long>> cut = new HashSet<>();
        for (int step = 0; step < 60; step++) {
            Set<Long> cable = cables.get(random.nextInt(cables.size()));
            if (!cut.remove(cable)) {
                cut.add(cable);
            }
            TopologySnapshot topo = without(full, cut);
            FloodTree next = FloodPlanner.plan(topo, switches, tree);
            RoutingPlan scratch = FloodPlanner.plan(topo, switches);

            assertThat(next.plan()).as("step %d, cut %s", step, cut).isEqualTo(scratch);
            for (Dpid s : switches.keySet()) {
                boolean differs = !tree.plan().flows().get(s).equals(scratch.flows().get(s));
                assertThat(next.changed().contains(s) || !differs)
                        .as("switch %s whose rules changed is named", s)
                        .isTrue();
            }
            assertTreeSpansEachComponentWithoutLoops(topo);
            assertThat(FloodPlanner.between(tree.plan(), next.plan(), next.changed()))
                    .isEqualTo(FloodPlanner.between(tree.plan(), next.plan()));
            tree = next;
        }
        FloodTree again = FloodPlanner.plan(without(full, cut), switches, tree);
        assertThat(again.changed()).as("nothing moved, nothing to hand on").isEmpty();
        assertThat(again.plan()).isEqualTo(tree.plan());
    }

    /** Every component's switches joined by exactly (switches - 1) tree cables, all reachable. */
    private static void assertTreeSpansEachComponentWithoutLoops(TopologySnapshot topo) {
        Map<Dpid, Dpid> parent = new HashMap<>();
        topo.switches().forEach(s -> parent.put(s, s));
        Set<Set<Dpid>> cables = new HashSet<>();
        for (Link l : topo.treeLinks()) {
            cables.add(Set.of(l.srcDpid(), l.dstDpid()));
        }
        for (Set<Dpid> cable : cables) {
            List<Dpid> ends = List.copyOf(cable);
            Dpid a = root(parent, ends.get(0));
            Dpid b = root(parent, ends.get(1));
            assertThat(a).as("tree cable %s closes a loop", cable).isNotEqualTo(b);
            parent.put(a, b);
        }
        topo.components()
                .forEach(
                        c -> {
                            Dpid r = root(parent, c.id());
                            c.switches()
                                    .forEach(
                                            s ->
                                                    assertThat(root(parent, s))
                                                            .as("%s reached by the tree", s)
                                                            .isEqualTo(r));
                        });
    }

    private static Dpid root(Map<Dpid, Dpid> parent, Dpid s) {
        while (!parent.get(s).equals(s)) {
            s = parent.get(s);
        }
        return s;
    }

    private static List<Set<Long>> cables(TopologySnapshot topo) {
        Set<Set<Long>> out = new HashSet<>();
        for (Link l : topo.links()) {
            out.add(Set.of(l.srcDpid().value(), l.dstDpid().value()));
        }
        return List.copyOf(out);
    }

    private static TopologySnapshot without(TopologySnapshot topo, Set<Set<Long>> cut) {
        Map<Link, LinkInfo> links = new HashMap<>(topo.linkInfos());
        links.keySet()
                .removeIf(l -> cut.contains(Set.of(l.srcDpid().value(), l.dstDpid().value())));
        return topo.next(Instant.now(), topo.switches(), links);
    }
}
