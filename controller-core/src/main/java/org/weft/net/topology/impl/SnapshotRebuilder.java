package org.weft.net.topology.impl;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.event.AbstractEvent;
import org.weft.event.ListenerRegistry;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceService;
import org.weft.net.link.LinkEvent;
import org.weft.net.link.LinkService;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.TopologyEvent;
import org.weft.net.topology.TopologyListener;
import org.weft.net.topology.TopologySnapshot;
import org.weft.time.TimeSource;

/**
 * The topology's snapshot and how a closed batch of events makes the next one (on {@link
 * TopologyManager}'s writer, one batch at a time): from the device and link services' state as it
 * is then, published with a volatile write and announced only when something changed; a batch of
 * latency samples alone moves only the measured links.
 */
final class SnapshotRebuilder {

    private static final Logger log = LoggerFactory.getLogger(SnapshotRebuilder.class);

    private final DeviceService devices;
    private final LinkService links;
    private final ListenerRegistry<TopologyEvent, TopologyListener> listeners;
    private final TimeSource time;
    private volatile TopologySnapshot current = TopologySnapshot.empty();

    SnapshotRebuilder(
            DeviceService devices,
            LinkService links,
            ListenerRegistry<TopologyEvent, TopologyListener> listeners,
            TimeSource time) {
        this.devices = devices;
        this.links = links;
        this.listeners = listeners;
        this.time = time;
    }

    /** The snapshot published last (readers call this without locks). */
    TopologySnapshot current() {
        return current;
    }

    /** Rebuilds from the services' state now; publishes and announces only when it changed. */
    void rebuild(List<AbstractEvent<?, ?>> batch) {
        if (measuredOnly(batch) && remeasure(batch)) {
            return;
        }
        Set<Dpid> switches =
                devices.getDevices().stream().map(Device::dpid).collect(Collectors.toSet());
        Map<Link, LinkInfo> now = new HashMap<>();
        links.getLinks()
                .forEach(
                        (l, info) -> {
                            if (switches.contains(l.srcDpid()) && switches.contains(l.dstDpid())) {
                                now.put(l, info);
                            }
                        });
        TopologySnapshot prev = current;
        // Hash lookups only: the snapshot's link set is sorted, and asking it whether it holds
        // each of 22,000 links (a 980-switch fat tree) was most of a latency batch's rebuild.
        Set<Link> updated = new HashSet<>();
        Set<Link> added = new HashSet<>();
        now.forEach(
                (l, info) -> {
                    LinkInfo old = prev.linkInfo(l).orElse(null);
                    if (old == null) {
                        added.add(l);
                    } else if (!old.equals(info)) {
                        updated.add(l);
                    }
                });
        Set<Link> addedLinks = ImmutableSet.copyOf(added);
        Set<Link> removedLinks =
                prev.links().stream()
                        .filter(l -> !now.containsKey(l))
                        .collect(ImmutableSet.toImmutableSet());
        Set<Dpid> addedSw = Sets.difference(switches, prev.switches()).immutableCopy();
        Set<Dpid> removedSw = Sets.difference(prev.switches(), switches).immutableCopy();
        if (addedSw.isEmpty()
                && removedSw.isEmpty()
                && addedLinks.isEmpty()
                && removedLinks.isEmpty()
                && updated.isEmpty()) {
            return;
        }
        publish(
                new TopologyEvent(
                        prev.next(time.instant(), switches, now),
                        addedSw,
                        removedSw,
                        addedLinks,
                        removedLinks,
                        updated,
                        batch,
                        time.millis()));
    }

    /**
     * Whether the batch holds latency samples and nothing else (the start's rebuild holds none).
     */
    private static boolean measuredOnly(List<AbstractEvent<?, ?>> batch) {
        if (batch.isEmpty()) {
            return false;
        }
        for (AbstractEvent<?, ?> e : batch) {
            if (!TopologyManager.isMeasurement(e)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A batch of latency samples alone, applied to the current snapshot from the measured links'
     * attributes as they are now, without reading and comparing every link (22,000 on a 980-switch
     * fat tree, once a second): false, with nothing published, when a measured link is no longer
     * the snapshot's or its capacity moved (a full rebuild then sorts it out).
     */
    private boolean remeasure(List<AbstractEvent<?, ?>> batch) {
        TopologySnapshot prev = current;
        Map<Link, LinkInfo> changed = new HashMap<>();
        for (AbstractEvent<?, ?> e : batch) {
            Link l = ((LinkEvent) e).subject();
            LinkInfo was = prev.linkInfo(l).orElse(null);
            LinkInfo now = links.getLinkInfo(l).orElse(null);
            if (was == null || now == null || now.capacityMbps() != was.capacityMbps()) {
                return false;
            }
            if (!now.equals(was)) {
                changed.put(l, now);
            }
        }
        if (!changed.isEmpty()) {
            publish(
                    new TopologyEvent(
                            prev.withLinkInfos(time.instant(), changed),
                            Set.of(),
                            Set.of(),
                            Set.of(),
                            Set.of(),
                            Set.copyOf(changed.keySet()),
                            batch,
                            time.millis()));
        }
        return true;
    }

    /** Makes the event's snapshot the current one, then announces it. */
    private void publish(TopologyEvent e) {
        current = e.snapshot();
        log.debug("Published {} after {} events", e.snapshot(), e.reasons().size());
        listeners.post(e);
    }
}
