package org.weft.net.host.impl;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.ConnectPoint;
import org.weft.net.IpAddress;
import org.weft.net.MacAddress;
import org.weft.net.device.DeviceEvent;
import org.weft.net.device.DeviceListener;
import org.weft.net.device.DeviceService;
import org.weft.net.host.Host;
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

/**
 * Learns hosts from ARP, IPv4 and IPv6 (neighbour discovery) packet-ins on edge ports, never on a
 * port that carries a link. Announces hosts added, moved and updated; removes hosts idle for longer
 * than the idle timeout, on a port that went down, on a switch that disconnected, or on a port
 * where a link appeared ({@link HostTopologyReactions}: a host found where a link appears goes back
 * to the edge port it moved from, if it can). The hosts are held in a {@link HostTable}.
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

    private final HostTable table;
    private final HostTopologyReactions reactions;

    private final DeviceService devices;
    private final LinkService links;
    private final DeviceListener deviceListener = this::onDeviceEvent;
    private final LinkListener linkListener = this::onLinkEvent;
    private PacketService packets;
    private final TimeSource time;
    private final long idleMillis;
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
        this.time = checkNotNull(time, "time");
        this.table = new HostTable(devices, links, events, time, limits, WARN_INTERVAL);
        this.reactions = new HostTopologyReactions(table);
        this.idleMillis = idleTimeout.toMillis();
        this.expiry = new HostExpiry(time, idleMillis);
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
        table.learn(id, at, ip);
        if (table.isRemote(id) && at.equals(getHost(id).map(Host::location).orElse(null))) {
            table.setRemote(id, false); // seen on a switch this instance masters: its host now
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
        HostSlot slot = table.slot(context.ethSrc(), context.vlan());
        Host old = slot == null ? null : slot.get();
        if (old == null || !old.location().equals(at) || table.isRemote(old.id())) {
            return false;
        }
        int ip = Ipv4.sourceOf(frame, offset);
        if (ip != 0 && !slot.knowsIp4(ip)) {
            return false;
        }
        refresh(slot, time.millis());
        return true;
    }

    /**
     * A sighting that changes nothing else: the slot's time moves, in place, at most once per
     * {@link #REFRESH_MILLIS} (no write to shared memory on every packet).
     */
    static void refresh(HostSlot slot, long now) {
        if (now - slot.seenMillis() >= REFRESH_MILLIS) {
            slot.seen(now);
        }
    }

    /**
     * In a cluster: a host as the shared topology records it, at its recorded place, gaining its
     * addresses (within the table's bounds). {@code remoteHost}: another instance owns it, so it
     * never idles out here ({@link #forgetRemote} removes it); else this instance owns it now.
     */
    public void learnShared(Host h, boolean remoteHost) {
        table.setRemote(h.id(), remoteHost);
        if (h.ips().isEmpty()) {
            table.learn(h.id(), h.location(), null);
        }
        h.ips().forEach(ip -> table.learn(h.id(), h.location(), ip));
        if (getHost(h.id()).isEmpty()) {
            table.setRemote(h.id(), false); // refused: the table or the switch's share is full
        }
    }

    /** Forgets a host its owner removed from the shared topology; whether it was here as such. */
    public boolean forgetRemote(HostId id) {
        return table.isRemote(id)
                && table.removeWhere(h -> h.id().equals(id), "removed by owner") > 0;
    }

    /** Whether the host is owned by another instance of the cluster. */
    public boolean isRemote(HostId id) {
        return table.isRemote(id);
    }

    /** Records a sighting of the host at the port, with the IP it used (null if none). */
    void learn(HostId id, ConnectPoint at, IpAddress ip) {
        table.learn(id, at, ip);
    }

    /** Hosts not learned (or not moved) because the table or their switch's share was full. */
    @Override
    public long refusedHostCount() {
        return table.refusedCount();
    }

    /** Forgets hosts idle for longer than the idle timeout; returns how many. */
    public int expire() {
        long now = time.millis();
        return table.removeWhere(
                h -> now - h.lastSeenMillis() > idleMillis && !table.isRemote(h.id()), "idle");
    }

    void onDeviceEvent(DeviceEvent event) {
        reactions.onDeviceEvent(event);
    }

    void onLinkEvent(LinkEvent event) {
        reactions.onLinkEvent(event);
    }

    @Override
    public Collection<Host> getHosts() {
        return table.all();
    }

    @Override
    public Optional<Host> getHost(HostId id) {
        return Optional.ofNullable(hostOrNull(id));
    }

    @Override
    public Host hostOrNull(HostId id) {
        return table.get(id);
    }

    /** As {@link #hostOrNull(HostId)}, without building the id (on every routed packet-in). */
    @Override
    public Host hostOrNull(long mac, int vlan) {
        HostSlot s = table.slot(mac, vlan);
        return s == null ? null : s.get();
    }

    @Override
    public Set<Host> getHostsByMac(MacAddress mac) {
        return table.select(h -> h.mac().equals(mac));
    }

    @Override
    public Set<Host> getHostsByIp(IpAddress ip) {
        return table.select(h -> h.ips().contains(ip));
    }

    @Override
    public Set<Host> getConnectedHosts(ConnectPoint point) {
        return table.select(h -> h.location().equals(point));
    }

    @Override
    public int getHostCount() {
        return table.count();
    }

    @Override
    public void addListener(HostListener listener) {
        table.addListener(listener);
    }

    @Override
    public void removeListener(HostListener listener) {
        table.removeListener(listener);
    }
}
