package org.weft.net;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A directed link from one switch port to another. A cable between two switches is two links, one
 * per direction. Printed as {@code of:0000000000000001/1->of:0000000000000002/3}.
 *
 * <p>Links are ordered by source switch, source port, destination switch, destination port; graph
 * algorithms use this order to break ties deterministically.
 */
public record Link(ConnectPoint src, ConnectPoint dst) implements Comparable<Link> {

    public Link {
        checkNotNull(src, "src");
        checkNotNull(dst, "dst");
        checkArgument(!src.equals(dst), "a link must join two different ports: %s", src);
    }

    public static Link of(ConnectPoint src, ConnectPoint dst) {
        return new Link(src, dst);
    }

    /** Shorthand for tests and fixtures: {@code of(srcDpid, srcPort, dstDpid, dstPort)}. */
    public static Link of(long srcDpid, long srcPort, long dstDpid, long dstPort) {
        return new Link(ConnectPoint.of(srcDpid, srcPort), ConnectPoint.of(dstDpid, dstPort));
    }

    /** The link in the opposite direction over the same cable. */
    public Link reverse() {
        return new Link(dst, src);
    }

    /** The switch this link leaves. */
    public Dpid srcDpid() {
        return src.dpid();
    }

    /** The switch this link enters. */
    public Dpid dstDpid() {
        return dst.dpid();
    }

    @Override
    public int compareTo(Link o) {
        // Written out rather than composed from Comparators: sorted maps of links compare a lot.
        int c = compare(src, o.src);
        return c != 0 ? c : compare(dst, o.dst);
    }

    private static int compare(ConnectPoint a, ConnectPoint b) {
        int c = a.dpid().compareTo(b.dpid());
        return c != 0 ? c : a.port().compareTo(b.port());
    }

    // Written out: links are hash keys of the largest sets and maps in planning (22,000 per
    // snapshot of a 980-switch fabric), and the record's generated methods go through a method
    // handle per component.
    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Link l && src.equals(l.src) && dst.equals(l.dst));
    }

    @Override
    public int hashCode() {
        return 31 * src.hashCode() + dst.hashCode();
    }

    @Override
    public String toString() {
        return src + "->" + dst;
    }
}
