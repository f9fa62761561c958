package org.weft.routing.steering;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.weft.net.Dpid;
import org.weft.net.Link;

/**
 * Which steering rules' paths cross which switches, so that a lost link or switch re-plans only the
 * rules whose path used it instead of every rule. The steering app's thread only.
 */
final class SteeringIndex {

    private final Map<Dpid, Set<Long>> bySwitch = new HashMap<>();
    private final Map<Long, List<Dpid>> paths = new HashMap<>();

    /** Records the path a rule's current plan follows (empty when it is not installed). */
    void put(long rule, List<Dpid> path) {
        remove(rule);
        if (path.isEmpty()) {
            return;
        }
        paths.put(rule, List.copyOf(path));
        for (Dpid d : path) {
            bySwitch.computeIfAbsent(d, x -> new HashSet<>()).add(rule);
        }
    }

    void remove(long rule) {
        List<Dpid> old = paths.remove(rule);
        if (old == null) {
            return;
        }
        for (Dpid d : old) {
            Set<Long> rules = bySwitch.get(d);
            if (rules != null) {
                rules.remove(rule);
                if (rules.isEmpty()) {
                    bySwitch.remove(d);
                }
            }
        }
    }

    /** The rules whose path crosses one of the links (either way) or goes through one switch. */
    Set<Long> using(Set<Link> links, Set<Dpid> switches) {
        Set<Long> out = new TreeSet<>();
        for (Dpid s : switches) {
            out.addAll(bySwitch.getOrDefault(s, Set.of()));
        }
        for (Link l : links) {
            for (long rule : bySwitch.getOrDefault(l.srcDpid(), Set.of())) {
                if (adjacent(paths.get(rule), l.srcDpid(), l.dstDpid())) {
                    out.add(rule);
                }
            }
        }
        return out;
    }

    private static boolean adjacent(List<Dpid> path, Dpid a, Dpid b) {
        for (int i = 1; i < path.size(); i++) {
            Dpid x = path.get(i - 1);
            Dpid y = path.get(i);
            if ((x.equals(a) && y.equals(b)) || (x.equals(b) && y.equals(a))) {
                return true;
            }
        }
        return false;
    }
}
