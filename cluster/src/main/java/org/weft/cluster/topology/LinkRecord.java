package org.weft.cluster.topology;

import static com.google.common.base.Preconditions.checkNotNull;

import org.weft.net.Link;
import org.weft.net.topology.LinkInfo;

/**
 * One shared link ({@code /weft/links/<name>}): published by its owner, the master of its
 * destination switch (where its LLDP arrives as a packet-in).
 *
 * @param latencyNanos as the owner measured it, or {@link LinkInfo#UNKNOWN_LATENCY}
 * @param capacityMbps the lower speed of the two ports, 0 when unknown
 * @param owner the node id of the instance that published it
 */
record LinkRecord(Point src, Point dst, long latencyNanos, long capacityMbps, String owner) {

    /**
     * Latency changes smaller than this fraction of the published value are not written: a write
     * costs a ZooKeeper transaction and a new topology snapshot on every instance, and LLDP latency
     * samples on a busy controller are noisy.
     */
    static final double LATENCY_CHANGE_FRACTION = 0.5;

    /** Latency changes smaller than this (ns) are never written. */
    static final long LATENCY_CHANGE_FLOOR_NANOS = 5_000_000;

    LinkRecord {
        checkNotNull(src, "src");
        checkNotNull(dst, "dst");
        checkNotNull(owner, "owner");
    }

    static LinkRecord of(Link link, LinkInfo info, String owner) {
        return new LinkRecord(
                Point.of(link.src()),
                Point.of(link.dst()),
                info.latencyNanos(),
                info.capacityMbps(),
                owner);
    }

    /** The znode name: {@code <src dpid hex>-<src port>-<dst dpid hex>-<dst port>}. */
    static String name(Link link) {
        return String.format(
                "%016x-%d-%016x-%d",
                link.srcDpid().value(),
                link.src().port().value(),
                link.dstDpid().value(),
                link.dst().port().value());
    }

    Link link() {
        return Link.of(src.connectPoint(), dst.connectPoint());
    }

    /** Whether the capacity differs from this record's. */
    boolean capacityDiffers(LinkInfo info) {
        return info.capacityMbps() != capacityMbps;
    }

    /** Whether the latency differs noticeably from this record's. */
    boolean latencyDiffers(LinkInfo info) {
        long now = info.latencyNanos();
        if (now < 0) {
            return false;
        }
        if (latencyNanos < 0) {
            return true;
        }
        long delta = Math.abs(now - latencyNanos);
        return delta > LATENCY_CHANGE_FLOOR_NANOS && delta > latencyNanos * LATENCY_CHANGE_FRACTION;
    }
}
