package org.weft.cluster.topology;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.cluster.MastershipService;
import org.weft.net.device.DeviceService;
import org.weft.net.device.Port;
import org.weft.net.link.LinkEvent;
import org.weft.net.link.impl.LinkManager;
import org.weft.net.topology.LinkInfo;
import org.weft.time.TimeSource;

/**
 * Links shared across the cluster. LLDP sent by any instance arrives as a packet-in at the master
 * of the link's destination switch, so each instance discovers the links into the switches it
 * masters: it owns them and publishes them ({@link LinkRecord}). The links others own are fed into
 * its {@link LinkManager} again every round while both ports are live here (so they expire here
 * when their owner stops), and removed when their owner deletes them.
 *
 * <p>Records are persistent: a crashed instance's links stay shared while its switches get new
 * masters, and each new master takes them over (writes itself as owner) in its next round; a link
 * into a switch it masters that its own LLDP does not confirm within the link timeout is deleted.
 * Nothing is written in steady state: only links that appear, vanish, change owner or capacity, or
 * whose latency changes noticeably ({@link LinkRecord#latencyDiffers}, at most once per {@link
 * #LATENCY_HOLD_NANOS} per link).
 *
 * <p>Not thread-safe: every call runs on the sharing's one thread.
 */
final class LinkSharing {

    private final String me;
    private final LinkManager links;
    private final DeviceService devices;
    private final MastershipService mastership;
    private final SharedRecords<LinkRecord> records;
    private final TimeSource time;
    private final long timeoutNanos;

    /** A link's latency alone is written at most once per this (30 s). */
    static final long LATENCY_HOLD_NANOS = 30_000_000_000L;

    /** When each link this instance publishes was last written (nanos). */
    private final Map<Link, Long> latencyWrittenAt = new HashMap<>();

    /** Since when (nanos) this instance has mastered each switch it masters, as rounds saw it. */
    private final Map<Dpid, Long> masteredSince = new HashMap<>();

    LinkSharing(
            String me,
            LinkManager links,
            DeviceService devices,
            MastershipService mastership,
            SharedRecords<LinkRecord> records,
            TimeSource time,
            Duration linkTimeout) {
        this.me = checkNotNull(me, "me");
        this.links = checkNotNull(links, "links");
        this.devices = checkNotNull(devices, "devices");
        this.mastership = checkNotNull(mastership, "mastership");
        this.records = checkNotNull(records, "records");
        this.time = checkNotNull(time, "time");
        this.timeoutNanos = linkTimeout.toNanos();
    }

    /** A link event of this instance's link manager. */
    void linkEvent(LinkEvent e) {
        Link l = e.subject();
        switch (e.type()) {
            case ADDED, UPDATED -> {
                if (mastership.isMaster(l.dstDpid())) {
                    publish(l, e.info());
                }
            }
            case REMOVED -> {
                String name = LinkRecord.name(l);
                LinkRecord r = records.get(name);
                if (r != null
                        && e.reason() != LinkEvent.Reason.REMOTE
                        && (me.equals(r.owner()) || mastership.isMaster(l.dstDpid()))) {
                    records.delete(name);
                }
                latencyWrittenAt.remove(l);
            }
        }
    }

    /** A record appeared or changed (another instance's write, or this one's seen back). */
    void recordChanged(LinkRecord r) {
        if (!mastership.isMaster(r.link().dstDpid())) {
            feed(r);
        }
    }

    /** A record was deleted: the link is gone here too, unless this instance owns it. */
    void recordRemoved(LinkRecord r) {
        Link l = r.link();
        if (!mastership.isMaster(l.dstDpid())) {
            links.removeLink(l, LinkEvent.Reason.REMOTE);
        }
    }

    /**
     * One round (every LLDP interval and on mastership changes): feeds the others' links, takes
     * over the links into switches this instance masters now, deletes those its LLDP did not
     * confirm, and publishes its own links the records lack.
     */
    void round() {
        long now = time.nanos();
        Map<Link, LinkInfo> known = links.getLinks();
        Set<Dpid> mastered = new HashSet<>();
        for (LinkRecord r : records.all().values()) {
            Dpid dst = r.link().dstDpid();
            if (mastership.isMaster(dst)) {
                mastered.add(dst);
            }
        }
        known.keySet().stream()
                .map(Link::dstDpid)
                .filter(mastership::isMaster)
                .forEach(mastered::add);
        masteredSince.keySet().retainAll(mastered);
        mastered.forEach(d -> masteredSince.putIfAbsent(d, now));
        for (Map.Entry<String, LinkRecord> e : records.all().entrySet()) {
            LinkRecord r = e.getValue();
            Link l = r.link();
            if (!mastered.contains(l.dstDpid())) {
                feed(r);
            } else if (known.containsKey(l)) {
                publish(l, known.get(l));
            } else if (now - masteredSince.get(l.dstDpid()) > timeoutNanos) {
                records.delete(e.getKey()); // not confirmed by this instance's LLDP
            }
        }
        known.forEach(
                (l, info) -> {
                    if (mastered.contains(l.dstDpid()) && records.get(LinkRecord.name(l)) == null) {
                        publish(l, info);
                    }
                });
    }

    private void publish(Link l, LinkInfo info) {
        String name = LinkRecord.name(l);
        LinkRecord r = records.get(name);
        long now = time.nanos();
        boolean write =
                r == null
                        || !me.equals(r.owner())
                        || r.capacityDiffers(info)
                        || (r.latencyDiffers(info)
                                && now - latencyWrittenAt.getOrDefault(l, now - LATENCY_HOLD_NANOS)
                                        >= LATENCY_HOLD_NANOS);
        if (write) {
            records.put(name, LinkRecord.of(l, info, me));
            latencyWrittenAt.put(l, now);
        }
    }

    /** Another instance's link, seen again now, while both its ports are live here. */
    private void feed(LinkRecord r) {
        Link l = r.link();
        if (live(l.src()) && live(l.dst())) {
            links.linkSeen(l, r.latencyNanos(), r.capacityMbps());
        }
    }

    private boolean live(ConnectPoint cp) {
        return devices.getDevice(cp.dpid())
                .flatMap(d -> d.port(cp.port()))
                .filter(Port::isLive)
                .isPresent();
    }
}
