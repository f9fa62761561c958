package org.weft.net.topology;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.Link;

/**
 * A route from one switch to another as a list of contiguous links, with its total cost under the
 * weigher that found it. The path from a switch to itself is the empty path of cost 0.
 *
 * @param src first switch
 * @param dst last switch
 * @param links the links in order; each ends on the switch where the next one starts
 * @param cost sum of the link weights
 */
public record Path(Dpid src, Dpid dst, List<Link> links, double cost) {

    public Path {
        checkNotNull(src, "src");
        checkNotNull(dst, "dst");
        links = ImmutableList.copyOf(links);
        checkArgument(cost >= 0 && cost < Double.POSITIVE_INFINITY, "cost must be finite, >= 0");
        if (links.isEmpty()) {
            checkArgument(src.equals(dst), "an empty path must start where it ends");
            checkArgument(cost == 0, "an empty path costs 0");
        } else {
            checkArgument(links.get(0).srcDpid().equals(src), "first link must leave src");
            checkArgument(
                    links.get(links.size() - 1).dstDpid().equals(dst), "last link must reach dst");
            for (int i = 1; i < links.size(); i++) {
                checkArgument(
                        links.get(i - 1).dstDpid().equals(links.get(i).srcDpid()),
                        "links %s and %s are not contiguous",
                        links.get(i - 1),
                        links.get(i));
            }
        }
    }

    /** The empty path from a switch to itself. */
    public static Path empty(Dpid dpid) {
        return new Path(dpid, dpid, List.of(), 0);
    }

    /** A non-empty path; its ends are taken from the first and last link. */
    public static Path of(List<Link> links, double cost) {
        checkArgument(!links.isEmpty(), "use Path.empty for a path without links");
        return new Path(links.get(0).srcDpid(), links.get(links.size() - 1).dstDpid(), links, cost);
    }

    public boolean isEmpty() {
        return links.isEmpty();
    }

    public int hopCount() {
        return links.size();
    }

    /** The switches the path visits, from {@code src} to {@code dst}. */
    public List<Dpid> switches() {
        ImmutableList.Builder<Dpid> result = ImmutableList.builder();
        result.add(src);
        links.forEach(l -> result.add(l.dstDpid()));
        return result.build();
    }

    /** True when no switch is visited twice. */
    public boolean isLoopFree() {
        Set<Dpid> seen = new HashSet<>();
        return switches().stream().allMatch(seen::add);
    }

    @Override
    public String toString() {
        return "Path{" + src + " -> " + dst + ", cost=" + cost + ", links=" + links + "}";
    }
}
