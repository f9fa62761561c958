package org.weft.cluster;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.weft.net.Dpid;

/**
 * The leader's assignment of switches to masters, a pure function of what it reads from ZooKeeper:
 * every switch seen by a live instance gets a master among the live instances that see it; a
 * current master that is alive and still sees the switch keeps it unless that leaves the instances
 * more than one switch apart (then the fewest moves that balance them). Deterministic: the same
 * inputs give the same plan on any instance.
 */
final class MastershipPlanner {

    private MastershipPlanner() {}

    /**
     * @param live the live instances' node ids
     * @param seenBy for each switch, the instances connected to it
     * @param current each switch's master now (possibly dead)
     * @return the master of every switch that has a live candidate
     */
    static SortedMap<Dpid, String> plan(
            Set<String> live, Map<Dpid, ? extends Set<String>> seenBy, Map<Dpid, String> current) {
        SortedMap<Dpid, SortedSet<String>> candidates = new TreeMap<>();
        seenBy.forEach(
                (dpid, nodes) -> {
                    SortedSet<String> c = new TreeSet<>(nodes);
                    c.retainAll(live);
                    if (!c.isEmpty()) {
                        candidates.put(dpid, c);
                    }
                });
        Map<String, Integer> load = new HashMap<>();
        live.forEach(n -> load.put(n, 0));
        SortedMap<Dpid, String> plan = new TreeMap<>();
        candidates.forEach(
                (dpid, c) -> {
                    String now = current.get(dpid);
                    if (now != null && c.contains(now)) {
                        plan.put(dpid, now);
                        load.merge(now, 1, Integer::sum);
                    }
                });
        candidates.forEach(
                (dpid, c) -> {
                    if (!plan.containsKey(dpid)) {
                        String least = leastLoaded(c, load);
                        plan.put(dpid, least);
                        load.merge(least, 1, Integer::sum);
                    }
                });
        // Move switches from an instance that has two more than another candidate of theirs;
        // every move lowers the sum of squared loads, so this ends.
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Map.Entry<Dpid, String> e : plan.entrySet()) {
                String master = e.getValue();
                String least = leastLoaded(candidates.get(e.getKey()), load);
                if (load.get(master) - load.get(least) > 1) {
                    load.merge(master, -1, Integer::sum);
                    load.merge(least, 1, Integer::sum);
                    e.setValue(least);
                    moved = true;
                }
            }
        }
        return plan;
    }

    private static String leastLoaded(SortedSet<String> candidates, Map<String, Integer> load) {
        return candidates.stream()
                .min(Comparator.comparingInt((String n) -> load.get(n)).thenComparing(n -> n))
                .orElseThrow();
    }
}
