package org.weft.net.host.impl;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSet;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.event.ListenerRegistry;
import org.weft.net.ConnectPoint;
import org.weft.net.IpAddress;
import org.weft.net.MacAddress;
import org.weft.net.device.DeviceEvent;
import org.weft.net.device.DeviceListener;
import org.weft.net.device.DeviceService;
import org.weft.net.host.Host;
import org.weft.net.host.HostEvent;
import org.weft.net.host.HostId;
import org.weft.net.host.HostListener;
import org.weft.net.host.HostService;
import org.weft.net.link.LinkEvent;
import org.weft.net.link.LinkListener;
import org.weft.net.link.LinkService;
import org.weft.net.packet.FastVerdict;
import org.weft.net.packet.PacketContext;
import org.weft.net.packet.PacketProcessor;
import org.weft.net.packet.PacketService;
import org.weft.net.packet.parse.Ethernet;
import org.weft.net.packet.parse.Ipv4;
import org.weft.time.TimeSource;
import org.weft.util.LogThrottles;

/**
 * Learns hosts from ARP, IPv4 and IPv6 (neighbour discovery) packet-ins on edge ports, never on a
 * port that carries a link. Announces hosts added, moved and updated; removes hosts idle for longer
 * than the idle timeout, on a port that went down, on a switch that disconnected, or on a port
 * where a link appeared.
 *
 * <p>A host found where a link appears goes back to the edge port it moved from ({@link
 * MovedFrom}): its "move" was frames flooded over a link discovery had not found yet.
 *
 * <p>The packet-in path takes no lock: a known host is a map read plus (at most once per {@link
 * #REFRESH_MILLIS}) a compare-and-set on its slot. Only a new host inserts into the map.
 *
 * <p>The table is bounded ({@link HostTableLimits}): in all, and per edge switch, so a switch
 * spoofing source MACs cannot take the table from the others. A host over a bound is not learned (a
 * move onto a full switch is not followed), counted ({@link #refusedHostCount()}) and logged at
 * most once per switch per {@link #WARN_INTERVAL}, with a count.
 *
 * <p>In a cluster, hosts other instances learned are fed in ({@link #learnShared}) and kept until
 * their owner removes them ({@link #forgetRemote}).
 */
public final class HostTracker implements HostService, PacketProcessor {

    private static final Logger log = LoggerFactory.getLogger(HostTracker.class);

    /** Priority of the tracker among packet processors: right after discovery. */
    public static final int PRIORITY = PacketProcessor.ADVISOR + 10;

    /** Last-seen times are refreshed at most this often per host. */
    static final long REFRESH_MILLIS = 1000;

    /** A recurring failure is logged at most once per this interval (per switch), with a count. */
    static final Duration WARN_INTERVAL = Duration.ofMinutes(1);

    /** Default idle time before a host is forgotten: 5 minutes. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    private final Map<HostId, HostSlot> hosts = new ConcurrentHashMap<>();

    /** Hosts another cluster instance owns: never idle here, removed when their owner says so. */
    private final Set<HostId> remote = ConcurrentHashMap.newKeySet();

    private final MovedFrom movedFrom;

    private final DeviceService devices;
    private final LinkService links;
    private final DeviceListener deviceListener = this::onDeviceEvent;
    private final LinkListener linkListener = this::onLinkEvent;
    private PacketService packets;
    private final ListenerRegistry<HostEvent, HostListener> listeners;
    private final TimeSource time;
    private final long idleMillis;

    private final HostTableBudget budget; // places in all and per switch, taken before an add

    private final HostExpiry expiry;

    /** A tracker with the default {@link HostTableLimits}. */
    public HostTracker(
            DeviceService devices,
            LinkService links,
            Executor events,
            TimeSource time,
            Duration idleTimeout) {
        this(devices, links, events, time, idleTimeout, HostTableLimits.defaults());
    }

    /**
     * @param events where listeners run (a single thread)
     * @param time the clock of last-seen times and the timer of periodic expiry
     * @param idleTimeout a host not seen for this long is forgotten
     * @param limits how many hosts are tracked at most, in all and per switch
     */
    public HostTracker(
            DeviceService devices,
            LinkService links,
            Executor events,
            TimeSource time,
            Duration idleTimeout,
            HostTableLimits limits) {
        checkArgument(idleTimeout.toMillis() > 0, "host idle timeout must be positive");
        this.devices = checkNotNull(devices, "devices");
        this.links = checkNotNull(links, "links");
        this.movedFrom = new MovedFrom(devices, links);
        this.listeners = new ListenerRegistry<>(events);
        this.time = checkNotNull(time, "time");
        this.idleMillis = idleTimeout.toMillis();
        this.expiry = new HostExpiry(time, idleMillis);
        this.budget =
                new HostTableBudget(
                        checkNotNull(limits, "limits"),
                        new LogThrottles<>(WARN_INTERVAL, time::nanos));
    }

    /** Registers the processor and listeners and starts periodic expiry. */
    public synchronized void start(PacketService packetService) {
        packets = checkNotNull(packetService, "packetService");
        devices.addListener(deviceListener);
        links.addListener(linkListener);
        packets.addProcessor(this, PRIORITY);
        expiry.start(() -> expire());
        log.info("Started: hosts idle for {} s are forgotten", idleMillis / 1000);
    }

    public synchronized void stop() {
        if (packets != null) {
            packets.removeProcessor(this);
            packets = null;
        }
        devices.removeListener(deviceListener);
        links.removeListener(linkListener);
        expiry.stop();
        log.info("Stopped");
    }

    /** How often idle hosts are looked for ({@link HostExpiry#period()}). */
    Duration expiryPeriod() {
        return expiry.period();
    }

    /**
     * Learning is constant time and takes no lock (see above), so it all runs in the fast step;
     * what it announces goes to the listeners' own thread.
     */
    @Override
    public FastVerdict processFast(PacketContext context) {
        process(context);
        return FastVerdict.PASS;
    }

    @Override
    public void process(PacketContext context) {
        ConnectPoint at = context.receivedFrom();
        if (at.port().isReserved() || links.isInfrastructure(at) || seenAgain(context, at)) {
            return;
        }
        Ethernet eth = context.ethernet().orElse(null);
        HostId id = eth == null ? null : HostPackets.sender(eth);
        if (id == null) {
            return;
        }
        IpAddress ip = HostPackets.senderIp(eth);
        if (ip == HostPackets.NO_SIGHTING) {
            return;
        }
        learn(id, at, ip);
        if (remote.contains(id) && at.equals(getHost(id).map(Host::location).orElse(null))) {
            remote.remove(id); // seen on a switch this instance masters: its host now
        }
    }

    /**
     * The steady case without objects: an IPv4 packet-in from a known host at its place, with a
     * source address it is known by (or none), only refreshes its last-seen time. False: anything
     * else, for the general path.
     */
    private boolean seenAgain(PacketContext context, ConnectPoint at) {
        if (!context.isEthernet() || context.ethType() != Ethernet.TYPE_IPV4) {
            return false;
        }
        byte[] frame = context.data();
        int offset = context.payloadOffset();
        if (!Ipv4.parses(frame, offset)) {
            return false;
        }
        HostSlot slot = HostIdProbe.get(hosts, context.ethSrc(), context.vlan());
        Host old = slot == null ? null : slot.get();
        if (old == null || !old.location().equals(at) || remote.contains(old.id())) {
            return false;
        }
        int ip = Ipv4.sourceOf(frame, offset);
        if (ip != 0 && !slot.knowsIp4(ip)) {
            return false;
        }
        long now = time.millis();
        return now - old.lastSeenMillis() < REFRESH_MILLIS
                || slot.compareAndSet(old, old.withLastSeen(now));
    }

    /**
     * In a cluster: a host as the shared topology records it, at its recorded place, gaining its
     * addresses (within the table's bounds). {@code remoteHost}: another instance owns it, so it
     * never idles out here ({@link #forgetRemote} removes it); else this instance owns it now.
     */
    public void learnShared(Host h, boolean remoteHost) {
        if (remoteHost) {
            remote.add(h.id());
        } else {
            remote.remove(h.id());
        }
        if (h.ips().isEmpty()) {
            learn(h.id(), h.location(), null);
        }
        h.ips().forEach(ip -> learn(h.id(), h.location(), ip));
        if (getHost(h.id()).isEmpty()) {
            remote.remove(h.id()); // refused: the table or the switch's share is full
        }
    }

    /** Forgets a host its owner removed from the shared topology; whether it was here as such. */
    public boolean forgetRemote(HostId id) {
        return remote.contains(id) && removeWhere(h -> h.id().equals(id), "removed by owner") > 0;
    }

    /** Whether the host is owned by another instance of the cluster. */
    public boolean isRemote(HostId id) {
        return remote.contains(id);
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
                if (now - old.lastSeenMillis() < REFRESH_MILLIS
                        || slot.compareAndSet(old, old.withLastSeen(now))) {
                    return;
                }
                continue;
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

    /** Hosts not learned (or not moved) because the table or their switch's share was full. */
    @Override
    public long refusedHostCount() {
        return budget.refusedCount();
    }

    /** Forgets hosts idle for longer than the idle timeout; returns how many. */
    public int expire() {
        long now = time.millis();
        return removeWhere(
                h -> now - h.lastSeenMillis() > idleMillis && !remote.contains(h.id()), "idle");
    }

    private int removeWhere(Predicate<Host> which, String why) {
        int n = 0;
        for (Map.Entry<HostId, HostSlot> e : hosts.entrySet()) {
            HostSlot slot = e.getValue();
            Host h = slot.get();
            if (h != null && which.test(h) && slot.compareAndSet(h, null)) {
                hosts.remove(e.getKey(), slot);
                remote.remove(e.getKey());
                movedFrom.forget(e.getKey());
                budget.release(h.location().dpid(), true);
                log.debug("Host {} removed: {}", h.id(), why);
                listeners.post(new HostEvent(HostEvent.Type.REMOVED, h, null, time.millis()));
                n++;
            }
        }
        return n;
    }

    void onDeviceEvent(DeviceEvent event) {
        var dpid = event.subject().dpid();
        switch (event.type()) {
            case DEVICE_DISCONNECTED ->
                    removeWhere(h -> h.location().dpid().equals(dpid), "switch disconnected");
            case PORT_REMOVED, PORT_UPDATED -> {
                boolean down =
                        event.type() == DeviceEvent.Type.PORT_REMOVED
                                || event.port().filter(p -> !p.isLive()).isPresent();
                event.port()
                        .map(p -> ConnectPoint.of(dpid, p.number()))
                        .filter(at -> down)
                        .ifPresent(at -> removeWhere(h -> h.location().equals(at), "port down"));
            }
            default -> {}
        }
    }

    void onLinkEvent(LinkEvent event) {
        if (event.type() == LinkEvent.Type.ADDED) {
            var l = event.subject();
            Predicate<Host> onLink =
                    h -> h.location().equals(l.src()) || h.location().equals(l.dst());
            for (HostSlot slot : hosts.values()) {
                Host h = slot.get();
                if (h != null && onLink.test(h)) {
                    moveBack(slot, h);
                }
            }
            removeWhere(onLink, "port carries a link");
        }
    }

    /**
     * Puts a host found on a link's port back where it moved from, if that is still an edge port
     * that is up; otherwise leaves it to be removed.
     */
    private void moveBack(HostSlot slot, Host h) {
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

    @Override
    public Collection<Host> getHosts() {
        return hosts.values().stream().map(HostSlot::get).filter(h -> h != null).toList();
    }

    @Override
    public Optional<Host> getHost(HostId id) {
        return Optional.ofNullable(hostOrNull(id));
    }

    @Override
    public Host hostOrNull(HostId id) {
        HostSlot s = hosts.get(id);
        return s == null ? null : s.get();
    }

    /** As {@link #hostOrNull(HostId)}, without building the id (on every routed packet-in). */
    @Override
    public Host hostOrNull(long mac, int vlan) {
        HostSlot s = HostIdProbe.get(hosts, mac, vlan);
        return s == null ? null : s.get();
    }

    @Override
    public Set<Host> getHostsByMac(MacAddress mac) {
        return select(h -> h.mac().equals(mac));
    }

    @Override
    public Set<Host> getHostsByIp(IpAddress ip) {
        return select(h -> h.ips().contains(ip));
    }

    @Override
    public Set<Host> getConnectedHosts(ConnectPoint point) {
        return select(h -> h.location().equals(point));
    }

    private Set<Host> select(Predicate<Host> which) {
        return getHosts().stream().filter(which).collect(ImmutableSet.toImmutableSet());
    }

    @Override
    public int getHostCount() {
        return hosts.size();
    }

    @Override
    public void addListener(HostListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(HostListener listener) {
        listeners.remove(listener);
    }
}
