package org.weft.net.host.impl;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSet;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.event.ListenerRegistry;
import org.weft.net.ConnectPoint;
import org.weft.net.IpAddress;
import org.weft.net.device.DeviceService;
import org.weft.net.host.Host;
import org.weft.net.host.HostEvent;
import org.weft.net.host.HostId;
import org.weft.net.host.HostListener;
import org.weft.net.link.LinkService;
import org.weft.time.TimeSource;
import org.weft.util.LogThrottles;

/**
 * The tracker's host table: each host in a slot (a compare-and-set cell, so learning takes no
 * lock), within the table's bounds ({@link HostTableBudget}), with where each moved from ({@link
 * MovedFrom}) and which are another cluster instance's; every change is announced to the listeners.
 * Packet-ins ({@link HostTracker}) and the switches' and links' events ({@link
 * HostTopologyReactions}) change it.
 */
final class HostTable {

    private static final Logger log = LoggerFactory.getLogger(HostTable.class);

    private final Map<HostId, HostSlot> hosts = new ConcurrentHashMap<>();

    /** Hosts another cluster instance owns: never idle here, removed when their owner says so. */
    private final Set<HostId> remote = ConcurrentHashMap.newKeySet();

    private final MovedFrom movedFrom;
    private final HostTableBudget budget; // places in all and per switch, taken before an add
    private final ListenerRegistry<HostEvent, HostListener> listeners;
    private final TimeSource time;

    /**
     * @param events where listeners run (a single thread)
     * @param limits how many hosts are held at most, in all and per switch
     * @param warnInterval a refused host is logged at most this often per switch, with a count
     */
    HostTable(
            DeviceService devices,
            LinkService links,
            Executor events,
            TimeSource time,
            HostTableLimits limits,
            Duration warnInterval) {
        this.time = checkNotNull(time, "time");
        this.movedFrom = new MovedFrom(devices, links);
        this.listeners = new ListenerRegistry<>(events);
        this.budget =
                new HostTableBudget(
                        checkNotNull(limits, "limits"),
                        new LogThrottles<>(warnInterval, time::nanos));
    }

    /** The host's slot; null if it is not known. */
    HostSlot slot(HostId id) {
        return hosts.get(id);
    }

    /** The slot of the host with this MAC address's value and VLAN, without building its id. */
    HostSlot slot(long mac, int vlan) {
        return HostIdProbe.get(hosts, mac, vlan);
    }

    Host get(HostId id) {
        HostSlot s = hosts.get(id);
        return s == null ? null : s.current();
    }

    Collection<Host> all() {
        return hosts.values().stream().map(HostSlot::current).filter(h -> h != null).toList();
    }

    Set<Host> select(Predicate<Host> which) {
        return all().stream().filter(which).collect(ImmutableSet.toImmutableSet());
    }

    int count() {
        return hosts.size();
    }

    /** Every known host with its slot (a host may change or go meanwhile). */
    void forEachSlot(Consumer<HostSlot> action) {
        hosts.values().forEach(action);
    }

    boolean isRemote(HostId id) {
        return remote.contains(id);
    }

    /** Marks the host as another instance's ({@code true}) or this instance's. */
    void setRemote(HostId id, boolean isRemote) {
        if (isRemote) {
            remote.add(id);
        } else {
            remote.remove(id);
        }
    }

    /** Hosts not learned (or not moved) because the table or their switch's share was full. */
    long refusedCount() {
        return budget.refusedCount();
    }

    void addListener(HostListener listener) {
        listeners.add(listener);
    }

    void removeListener(HostListener listener) {
        listeners.remove(listener);
    }

    /** Records a sighting of the host at the port, with the IP it used (null if none). */
    void learn(HostId id, ConnectPoint at, IpAddress ip) {
        long now = time.millis();
        while (true) {
            HostSlot slot = hosts.get(id);
            Host old = slot == null ? null : slot.get();
            if (old == null) {
                if (slot != null) {
                    hosts.remove(id, slot);
                }
                if (!budget.reserve(id, at, true)) {
                    return;
                }
                Host h = new Host(id, ip == null ? Set.of() : Set.of(ip), at, now, now);
                if (hosts.putIfAbsent(id, new HostSlot(h)) == null) {
                    log.debug("Host {} added at {}", id, at);
                    listeners.post(new HostEvent(HostEvent.Type.ADDED, h, null, now));
                    return;
                }
                budget.release(at.dpid(), true);
                continue;
            }
            boolean moved = !old.location().equals(at);
            boolean newIp = ip != null && !old.ips().contains(ip);
            if (!moved && !newIp) {
                if (ip != null) {
                    slot.remember(ip);
                }
                HostTracker.refresh(slot, now);
                return;
            }
            Set<IpAddress> ips =
                    newIp
                            ? ImmutableSet.<IpAddress>builder().addAll(old.ips()).add(ip).build()
                            : old.ips();
            Host h = new Host(id, ips, at, old.firstSeenMillis(), now);
            boolean otherSwitch = !old.location().dpid().equals(at.dpid());
            if (otherSwitch && !budget.reserve(id, at, false)) {
                return;
            }
            if (!slot.compareAndSet(old, h)) {
                if (otherSwitch) {
                    budget.release(at.dpid(), false);
                }
                continue;
            }
            if (newIp) {
                slot.remember(ip);
            }
            if (otherSwitch) {
                budget.release(old.location().dpid(), false);
            }
            if (moved) {
                movedFrom.moved(id, old.location());
                log.info("Host {} moved from {} to {}", id, old.location(), at);
                listeners.post(new HostEvent(HostEvent.Type.MOVED, h, old.location(), now));
            } else {
                listeners.post(new HostEvent(HostEvent.Type.UPDATED, h, null, now));
            }
            return;
        }
    }

    /** Removes the hosts that match, announcing each; returns how many. */
    int removeWhere(Predicate<Host> which, String why) {
        int n = 0;
        for (Map.Entry<HostId, HostSlot> e : hosts.entrySet()) {
            HostSlot slot = e.getValue();
            Host h = slot.get();
            Host current = h == null ? null : slot.current();
            if (h != null && which.test(current) && slot.compareAndSet(h, null)) {
                hosts.remove(e.getKey(), slot);
                remote.remove(e.getKey());
                movedFrom.forget(e.getKey());
                budget.release(h.location().dpid(), true);
                log.debug("Host {} removed: {}", h.id(), why);
                listeners.post(new HostEvent(HostEvent.Type.REMOVED, current, null, time.millis()));
                n++;
            }
        }
        return n;
    }

    /**
     * Puts a host found on a link's port back where it moved from, if that is still an edge port
     * that is up; otherwise leaves it to be removed.
     */
    void moveBack(HostSlot slot, Host h) {
        ConnectPoint back = movedFrom.wayBack(h).orElse(null);
        if (back == null) {
            return;
        }
        boolean otherSwitch = !back.dpid().equals(h.location().dpid());
        if (otherSwitch && !budget.reserve(h.id(), back, false)) {
            return;
        }
        Host restored = new Host(h.id(), h.ips(), back, h.firstSeenMillis(), h.lastSeenMillis());
        if (!slot.compareAndSet(h, restored)) {
            if (otherSwitch) {
                budget.release(back.dpid(), false);
            }
            return;
        }
        if (otherSwitch) {
            budget.release(h.location().dpid(), false);
        }
        movedFrom.forget(h.id());
        log.info("Host {} back at {} ({} carries a link)", h.id(), back, h.location());
        listeners.post(new HostEvent(HostEvent.Type.MOVED, restored, h.location(), time.millis()));
    }
}
