package org.weft.mininet;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded random sequence of 40 cable cuts and repairs (and switch stops and starts) on the k=4
 * fat tree. After every step: no running switch holds an entry pointing into a dead port, and a
 * random sample of the host pairs that still have a physical path reach each other; at the end,
 * with everything repaired, all pairs reach. The seed is printed and is part of every failure
 * message; rerun one sequence with {@code -Dweft.chaos.seed=N}.
 */
class ChaosTest extends MininetTestSupport {
    private static final int STEPS = 40;
    private static final int MAX_CUT = 4;
    private static final int SAMPLE = 24;
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final Duration REACH = Duration.ofSeconds(30);

    /**
     * The Abilene backbone with OpenFlow 1.0: an irregular mesh that the cuts can partition; any
     * switch may be stopped (its host is then cut off).
     */
    @Test
    void randomFailuresAndRepairsOnTheAbileneBackbone() throws IOException {
        Topology abilene = Topologies.abilene();
        chaos(abilene, OpenFlowVersion.OF10, abilene.switchNames());
    }

    /**
     * The k=4 fat tree with OpenFlow 1.3 (select and fast-failover groups); aggregation and core
     * switches may be stopped.
     *
     * <p>Runs in the default suite since the single per-switch writer fixed the group races it used
     * to hit.
     */
    @Test
    void randomFailuresAndRepairsOnTheFatTree() throws IOException {
        List<String> stoppable = new ArrayList<>(Topologies.FAT_TREE_CORES);
        for (int i = 5; i <= 12; i++) {
            stoppable.add("s" + i);
        }
        chaos(Topologies.fatTree4(), OpenFlowVersion.OF13, stoppable);
    }

    private void chaos(Topology ft, OpenFlowVersion version, List<String> stoppable)
            throws IOException {
        long seed = Long.getLong("weft.chaos.seed", System.currentTimeMillis());
        record(
                ft.name()
                        + " "
                        + version
                        + " chaos seed "
                        + seed
                        + " (rerun with -Dweft.chaos.seed="
                        + seed
                        + ")");
        Random random = new Random(seed);
        startWeft();
        buildAndDiscover(ft, version);
        fabric.awaitAllReach(ft.allHostPairs(), Duration.ofSeconds(60), "seed " + seed + " start");

        List<Topology.Link> cables = ft.switchLinks();
        long start = System.nanoTime();
        for (int step = 1; step <= STEPS; step++) {
            String action = step(random, cables, stoppable);
            String context = "seed " + seed + ", step " + step + ": " + action;
            System.out.println(context);
            fabric.awaitNoDeadPortEntries(SETTLE, context);
            List<List<String>> connected = new ArrayList<>(fabric.connectedPairs());
            Collections.shuffle(connected, random);
            fabric.awaitAllReach(
                    connected.subList(0, Math.min(SAMPLE, connected.size())), REACH, context);
        }
        for (String sw : fabric.stoppedSwitches()) {
            fabric.startSwitch(sw);
        }
        for (Topology.Link l : fabric.cutLinks()) {
            fabric.restore(l.a(), l.b());
        }
        String end = "seed " + seed + ", everything repaired";
        fabric.awaitConnected(Duration.ofSeconds(30), end);
        fabric.awaitSpanningTree(Duration.ofSeconds(30), end);
        fabric.awaitNoDeadPortEntries(SETTLE, end);
        fabric.awaitAllReach(ft.allHostPairs(), REACH, end);
        record(
                String.format(
                        "%s %s chaos seed %d: %d steps in %d s",
                        ft.name(),
                        version,
                        seed,
                        STEPS,
                        Duration.ofNanos(System.nanoTime() - start).toSeconds()));
    }

    private int switchStoppedSteps;

    /**
     * One random change; returns what it did. One switch at most is stopped at a time, and it is
     * started again after 4 steps at the latest.
     */
    private String step(Random random, List<Topology.Link> cables, List<String> stoppable) {
        int dice = random.nextInt(10);
        boolean stopped = !fabric.stoppedSwitches().isEmpty();
        if (stopped && ++switchStoppedSteps > 4) {
            dice = 0;
        }
        if (dice < 2) { // switch: start the stopped one, or stop one if none is stopped
            if (stopped) {
                String sw = fabric.stoppedSwitches().iterator().next();
                fabric.startSwitch(sw);
                return "start " + sw;
            }
            switchStoppedSteps = 0;
            String sw = stoppable.get(random.nextInt(stoppable.size()));
            fabric.stopSwitch(sw);
            return "stop " + sw;
        }
        List<Topology.Link> cut = new ArrayList<>(fabric.cutLinks());
        cut.sort(java.util.Comparator.comparing(Topology.Link::toString));
        if (!cut.isEmpty() && (cut.size() >= MAX_CUT || random.nextInt(3) == 0)) {
            Topology.Link l = cut.get(random.nextInt(cut.size()));
            fabric.restore(l.a(), l.b());
            return "restore " + l.a() + "-" + l.b();
        }
        Topology.Link l;
        do {
            l = cables.get(random.nextInt(cables.size()));
        } while (fabric.isCut(l));
        fabric.cut(l.a(), l.b());
        return "cut " + l.a() + "-" + l.b();
    }
}
