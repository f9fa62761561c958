package org.weft.cluster.topology;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.weft.net.ConnectPoint;
import org.weft.net.cluster.MastershipService;
import org.weft.net.device.DeviceService;
import org.weft.net.device.Port;
import org.weft.net.host.Host;
import org.weft.net.host.HostEvent;
import org.weft.net.host.HostId;
import org.weft.net.host.impl.HostTracker;
import org.weft.net.link.LinkService;
import org.weft.time.TimeSource;

/**
 * Hosts shared across the cluster. A host is learned from packet-ins, which only the master of its
 * switch receives: that instance owns it and publishes it ({@link HostRecord}); the others feed it
 * into their {@link HostTracker} as a remote host, which does not idle out there and goes when its
 * owner deletes the record (its owner's tracker forgot it). A move to a switch another instance
 * masters makes that instance the owner (it overwrites the record). The record is what every
 * instance converges to: a host a round finds elsewhere here than recorded by another instance
 * takes the recorded place.
 *
 * <p>Records are persistent: a crashed instance's hosts stay shared, and the new master of their
 * switch takes them over (as its own, idling out here unless seen); so does an instance restarted
 * with the same node id for the records its earlier run wrote. Nothing is written in steady state:
 * only hosts that appear, move, gain an address, go, or change owner.
 *
 * <p>Not thread-safe: every call runs on the sharing's one thread.
 */
final class HostSharing {

    private final String me;
    private final HostTracker hosts;
    private final DeviceService devices;
    private final LinkService links;
    private final MastershipService mastership;
    private final SharedRecords<HostRecord> records;
    private final TimeSource time;

    /**
     * Hosts whose record this process wrote or adopted (a record of its own outside this set was
     * written by an earlier run of its node id).
     */
    private final Set<HostId> published = new HashSet<>();

    HostSharing(
            String me,
            HostTracker hosts,
            DeviceService devices,
            LinkService links,
            MastershipService mastership,
            SharedRecords<HostRecord> records,
            TimeSource time) {
        this.me = checkNotNull(me, "me");
        this.hosts = checkNotNull(hosts, "hosts");
        this.devices = checkNotNull(devices, "devices");
        this.links = checkNotNull(links, "links");
        this.mastership = checkNotNull(mastership, "mastership");
        this.records = checkNotNull(records, "records");
        this.time = checkNotNull(time, "time");
    }

    /** A host event of this instance's tracker. */
    void hostEvent(HostEvent e) {
        Host h = e.subject();
        if (e.type() != HostEvent.Type.REMOVED) {
            hosts.getHost(h.id()).ifPresent(this::publishIfOwned); // as it is now
            return;
        }
        String name = HostRecord.name(h.id());
        HostRecord r = records.get(name);
        if (hosts.getHost(h.id()).isPresent()) {
            return; // back already
        }
        published.remove(h.id());
        if (r != null && me.equals(r.owner()) && r.location().equals(Point.of(h.location()))) {
            records.delete(name);
        }
    }

    /** A record appeared or changed (another instance's write, or this one's seen back). */
    void recordChanged(HostRecord r) {
        Host h = r.host(time.millis());
        boolean mastered = mastership.isMaster(h.location().dpid());
        if (me.equals(r.owner())) {
            if (hosts.getHost(h.id()).isEmpty()) {
                if (!published.contains(h.id()) && mastered && attachable(h.location())) {
                    // Written by an earlier run of this node id: kept, idling out unless seen.
                    hosts.learnShared(h, false);
                    published.add(h.id());
                }
            } else if (mastered && hosts.isRemote(h.id())) {
                hosts.learnShared(h, false); // this instance's latest word on the host
            }
            return;
        }
        published.remove(h.id());
        if (!attachable(h.location())) {
            return;
        }
        hosts.learnShared(h, !mastered);
        if (mastered) {
            hosts.getHost(h.id()).ifPresent(this::publishIfOwned); // taking it over
        }
    }

    /** A record was deleted: its owner forgot the host, so does this instance. */
    void recordRemoved(HostRecord r) {
        published.remove(r.id());
        hosts.forgetRemote(r.id());
    }

    /**
     * One round: feeds the others' hosts (and takes over those on switches this instance masters
     * now), deletes its own records of hosts its tracker forgot, publishes its own hosts the
     * records lack or record differently.
     */
    void round() {
        for (Map.Entry<String, HostRecord> e : records.all().entrySet()) {
            HostRecord r = e.getValue();
            if (me.equals(r.owner())
                    && hosts.getHost(r.id()).isEmpty()
                    && published.remove(r.id())) {
                records.delete(e.getKey()); // forgotten here, its REMOVED event still queued
            } else {
                recordChanged(r);
            }
        }
        hosts.getHosts().forEach(this::publishIfOwned);
    }

    /** Publishes the host if this instance owns it: learned here, on a switch it masters. */
    private void publishIfOwned(Host h) {
        if (hosts.isRemote(h.id()) || !mastership.isMaster(h.location().dpid())) {
            return;
        }
        String name = HostRecord.name(h.id());
        HostRecord mine = HostRecord.of(h, me);
        HostRecord r = records.get(name);
        if (!mine.equals(r)) {
            records.put(name, mine);
        }
        published.add(h.id());
    }

    /** An edge port that is live here: where a remote host can be attached. */
    private boolean attachable(ConnectPoint cp) {
        return !links.isInfrastructure(cp)
                && devices.getDevice(cp.dpid())
                        .flatMap(d -> d.port(cp.port()))
                        .filter(Port::isLive)
                        .isPresent();
    }
}
