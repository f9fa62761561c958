package org.weft.net.topology;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.weft.net.Link;

/**
 * The links one snapshot has and another lacks, both ways, and the links both have with different
 * attributes, found in one merge of the two snapshots' sorted links (no hashing). Computed once per
 * pair of snapshots and handed to everything that asks what changed between them, instead of each
 * asking the snapshots again.
 *
 * @param added links of the newer snapshot that the older one lacks
 * @param removed links of the older snapshot that the newer one lacks
 * @param updated links of both whose {@link LinkInfo} differs (or, as the caller asked, that are
 *     not the same for its purpose)
 */
public record LinkDiff(Set<Link> added, Set<Link> removed, Set<Link> updated) {

    private static final LinkDiff NONE = new LinkDiff(Set.of(), Set.of(), Set.of());

    public LinkDiff {
        added = Set.copyOf(added);
        removed = Set.copyOf(removed);
        updated = Set.copyOf(updated);
    }

    /** Whether a link present in both snapshots is the same for the asker's purpose. */
    @FunctionalInterface
    public interface Same {
        boolean same(Link link, LinkInfo before, LinkInfo after);
    }

    /** What changed in links from {@code before} to {@code after}. */
    public static LinkDiff between(TopologySnapshot before, TopologySnapshot after) {
        return between(before, after, (l, a, b) -> a.equals(b));
    }

    /**
     * As {@link #between(TopologySnapshot, TopologySnapshot)}, with {@code updated} the links of
     * both that {@code same} finds different (a planner asks whether they weigh the same: most
     * links' measured attributes change from one snapshot to the next, their weights seldom do).
     * Asked only for links whose attributes are not the same instance.
     */
    public static LinkDiff between(TopologySnapshot before, TopologySnapshot after, Same same) {
        if (before == after) {
            return NONE;
        }
        Set<Link> removed = new HashSet<>();
        Set<Link> added = new HashSet<>();
        Set<Link> updated = new HashSet<>();
        // Both in ascending link order: one walk along the two.
        Iterator<Map.Entry<Link, LinkInfo>> a = before.linkInfos().entrySet().iterator();
        Iterator<Map.Entry<Link, LinkInfo>> b = after.linkInfos().entrySet().iterator();
        Map.Entry<Link, LinkInfo> ea = a.hasNext() ? a.next() : null;
        Map.Entry<Link, LinkInfo> eb = b.hasNext() ? b.next() : null;
        while (ea != null || eb != null) {
            int c;
            if (ea == null) {
                c = 1;
            } else if (eb == null) {
                c = -1;
            } else {
                c = ea.getKey() == eb.getKey() ? 0 : ea.getKey().compareTo(eb.getKey());
            }
            if (c < 0) {
                removed.add(ea.getKey());
                ea = a.hasNext() ? a.next() : null;
            } else if (c > 0) {
                added.add(eb.getKey());
                eb = b.hasNext() ? b.next() : null;
            } else {
                if (ea.getValue() != eb.getValue()
                        && !same.same(eb.getKey(), ea.getValue(), eb.getValue())) {
                    updated.add(eb.getKey());
                }
                ea = a.hasNext() ? a.next() : null;
                eb = b.hasNext() ? b.next() : null;
            }
        }
        return new LinkDiff(added, removed, updated);
    }

    /** Whether no link was added or removed. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty();
    }
}
