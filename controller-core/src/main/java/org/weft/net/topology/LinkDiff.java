package org.weft.net.topology;

import java.util.HashSet;
import java.util.Set;
import org.weft.net.Link;

/**
 * The links one snapshot has and another lacks, both ways, found in one pass over each snapshot's
 * links (hash lookups). Computed once per pair of snapshots and handed to everything that asks what
 * changed between them, instead of each asking the snapshots again.
 *
 * @param added links of the newer snapshot that the older one lacks
 * @param removed links of the older snapshot that the newer one lacks
 */
public record LinkDiff(Set<Link> added, Set<Link> removed) {

    private static final LinkDiff NONE = new LinkDiff(Set.of(), Set.of());

    public LinkDiff {
        added = Set.copyOf(added);
        removed = Set.copyOf(removed);
    }

    /** What changed in links from {@code before} to {@code after}. */
    public static LinkDiff between(TopologySnapshot before, TopologySnapshot after) {
        if (before == after) {
            return NONE;
        }
        Set<Link> removed = new HashSet<>();
        for (Link l : before.links()) {
            if (!after.contains(l)) {
                removed.add(l);
            }
        }
        Set<Link> added = new HashSet<>();
        for (Link l : after.links()) {
            if (!before.contains(l)) {
                added.add(l);
            }
        }
        return new LinkDiff(added, removed);
    }

    /** Whether no link was added or removed. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty();
    }
}
