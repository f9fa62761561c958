package org.weft.openflow.emulator;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.Group;

/**
 * Emulated switches joined by cables, with a data plane. A frame the controller sends out of a
 * cabled port (packet-out) arrives, after the cable's delay, on the peer port of the peer switch
 * and goes through that switch's flow table: to the controller (a packet-in), on over further
 * cables, or out of a port without a cable, where it is delivered to the host there (counted, and
 * kept in {@link #deliveries()} while {@link #recordDeliveries recording} is on). Groups are
 * followed (select: one live bucket per flow hash; fast-failover: the first live bucket). Hosts
 * send frames with {@link #injectFromHost}. Cables can be cut and restored, which takes the ports
 * on both ends down and up with PORT_STATUS messages.
 */
public final class EmulatedFabric implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmulatedFabric.class);

    /** A cable between two switch ports. */
    public record Cable(ConnectPoint a, ConnectPoint b) {
        /** The end opposite to {@code end}. */
        public ConnectPoint peer(ConnectPoint end) {
            return end.equals(a) ? b : a;
        }
    }

    private final Map<Dpid, EmulatedSwitch> switches;
    private final List<Cable> cables;
    private final Map<ConnectPoint, Cable> cableAt = new ConcurrentHashMap<>();
    private final Map<Cable, Long> delayNanos = new ConcurrentHashMap<>();
    private final Set<Cable> cut = ConcurrentHashMap.newKeySet();
    private final Set<Cable> silenced = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService delayer;
    private final LongAdder carried = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder loops = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean recording;

    /** Frames going round more switches than this are dropped as looping. */
    public static final int MAX_HOPS = 64;

    EmulatedFabric(Map<Dpid, EmulatedSwitch> switches, List<Cable> cables) {
        this.switches = Map.copyOf(switches);
        this.cables = List.copyOf(cables);
        for (Cable c : cables) {
            checkArgument(cableAt.put(c.a(), c) == null, "port %s cabled twice", c.a());
            checkArgument(cableAt.put(c.b(), c) == null, "port %s cabled twice", c.b());
        }
        this.delayer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "weft-fabric");
                            t.setDaemon(true);
                            return t;
                        });
        switches.values().forEach(sw -> sw.onPacketOut(this::packetOut));
    }

    public static FabricBuilder builder() {
        return new FabricBuilder();
    }

    /** Connects every switch to a controller and waits for all handshakes. */
    public EmulatedFabric connect(String host, int port, Duration timeout) throws Exception {
        List<CompletableFuture<EmulatedSwitch>> pending = new ArrayList<>();
        for (EmulatedSwitch sw : switches.values()) {
            pending.add(sw.connect(host, port));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        for (EmulatedSwitch sw : switches.values()) {
            checkState(sw.awaitHandshake(timeout), "handshake of %s timed out", sw.dpid());
        }
        return this;
    }

    public Collection<EmulatedSwitch> switches() {
        return switches.values();
    }

    public EmulatedSwitch get(Dpid dpid) {
        EmulatedSwitch sw = switches.get(dpid);
        checkArgument(sw != null, "no switch %s in the fabric", dpid);
        return sw;
    }

    public EmulatedSwitch get(long dpid) {
        return get(Dpid.of(dpid));
    }

    public List<Cable> cables() {
        return cables;
    }

    /** The cable plugged into the port, if any. */
    public java.util.Optional<Cable> cableAt(ConnectPoint point) {
        return java.util.Optional.ofNullable(cableAt.get(point));
    }

    /** Delays every frame on the cable (both directions) by {@code delay}. */
    public void setDelay(Cable cable, Duration delay) {
        delayNanos.put(cable, delay.toNanos());
    }

    /** Delays every frame on every cable. */
    public void setDelay(Duration delay) {
        cables.forEach(c -> setDelay(c, delay));
    }

    /** Unplugs the cable: both ports go down and tell the controller. */
    public void cut(Cable cable) {
        cut.add(cable);
        get(cable.a().dpid()).setPortLive(cable.a().port(), false);
        get(cable.b().dpid()).setPortLive(cable.b().port(), false);
    }

    /** Plugs the cable back in: both ports come up and tell the controller. */
    public void restore(Cable cable) {
        cut.remove(cable);
        get(cable.a().dpid()).setPortLive(cable.a().port(), true);
        get(cable.b().dpid()).setPortLive(cable.b().port(), true);
    }

    /**
     * Makes the cable lose every frame while both ports stay up (a fault without loss of carrier),
     * or carry frames again.
     */
    public void setSilent(Cable cable, boolean silent) {
        if (silent) {
            silenced.add(cable);
        } else {
            silenced.remove(cable);
        }
    }

    /** Frames carried to a peer so far. */
    public long carried() {
        return carried.sum();
    }

    /**
     * Frames lost: cut cable, port down, or the peer's table did not send them to the controller.
     */
    public long dropped() {
        return dropped.sum();
    }

    /** A frame that left the fabric through a port without a cable (to the host there). */
    public record Delivery(ConnectPoint at, byte[] frame) {}

    /**
     * Keeps (on) or stops keeping (off, the default) every delivered frame for {@link
     * #deliveries()}. Off, a long run (LLDP goes out of every free port each interval) costs
     * nothing but a counter.
     */
    public void recordDeliveries(boolean on) {
        recording = on;
    }

    /** Frames delivered to host ports while recording was on, in order. */
    public List<Delivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    /** Frames delivered to host ports since the fabric was built, recorded or not. */
    public long delivered() {
        return delivered.sum();
    }

    public void clearDeliveries() {
        deliveries.clear();
    }

    /** Frames dropped because they went round more than {@link #MAX_HOPS} switches. */
    public long loops() {
        return loops.sum();
    }

    /** A host on this port sends a frame into the fabric. */
    public void injectFromHost(ConnectPoint edge, byte[] frame) {
        arrive(edge, frame, 0);
    }

    private void packetOut(
            EmulatedSwitch sw, PortNumber inPort, List<FlowAction> actions, byte[] data) {
        apply(sw, inPort, actions, data, 0);
    }

    /** Applies a rule's or a packet-out's actions: outputs, flooding, groups, back to the table. */
    private void apply(
            EmulatedSwitch sw, PortNumber inPort, List<FlowAction> actions, byte[] data, int hops) {
        for (FlowAction a : actions) {
            if (a instanceof FlowAction.Output o) {
                PortNumber port = o.port();
                if (port.equals(PortNumber.ALL) || port.equals(PortNumber.FLOOD)) {
                    sw.ports().stream()
                            .filter(p -> !p.number().equals(inPort))
                            .forEach(p -> emit(sw, p.number(), data, hops));
                } else if (port.equals(PortNumber.TABLE)) {
                    lookup(sw, inPort, data, hops);
                } else if (!port.isReserved() && !port.equals(inPort)) {
                    emit(sw, port, data, hops);
                }
            } else if (a instanceof FlowAction.ToGroup g) {
                sw.table()
                        .group(g.groupId())
                        .ifPresent(
                                group -> {
                                    for (Group.Bucket b : buckets(sw, group, data)) {
                                        apply(sw, inPort, b.actions(), data, hops);
                                    }
                                });
            }
        }
    }

    /** ALL: every bucket; FAST_FAILOVER: the first live one; SELECT: one live bucket per flow. */
    private static List<Group.Bucket> buckets(EmulatedSwitch sw, Group g, byte[] data) {
        List<Group.Bucket> live =
                g.buckets().stream()
                        .filter(b -> b.watchPort() == null || sw.isPortLive(b.watchPort()))
                        .toList();
        return switch (g.type()) {
            case ALL, INDIRECT -> g.buckets();
            case FAST_FAILOVER -> live.isEmpty() ? List.of() : List.of(live.get(0));
            case SELECT ->
                    live.isEmpty()
                            ? List.of()
                            : List.of(live.get(Math.floorMod(flowHash(data), live.size())));
        };
    }

    private static int flowHash(byte[] data) {
        return java.util.Arrays.hashCode(java.util.Arrays.copyOf(data, Math.min(data.length, 14)));
    }

    /** Out of a port: over its cable, or to the host on it. */
    private void emit(EmulatedSwitch sw, PortNumber port, byte[] data, int hops) {
        ConnectPoint from = ConnectPoint.of(sw.dpid(), port);
        if (cableAt.containsKey(from)) {
            send(sw, port, data, hops + 1);
        } else if (sw.isPortLive(port)) {
            delivered.increment();
            if (recording) {
                deliveries.add(new Delivery(from, data));
            }
        } else {
            dropped.increment();
        }
    }

    private void send(EmulatedSwitch sw, PortNumber port, byte[] data, int hops) {
        ConnectPoint from = ConnectPoint.of(sw.dpid(), port);
        Cable c = cableAt.get(from);
        if (c == null || cut.contains(c) || silenced.contains(c) || !sw.isPortLive(port)) {
            dropped.increment();
            return;
        }
        ConnectPoint to = c.peer(from);
        long delay = delayNanos.getOrDefault(c, 0L);
        if (delay <= 0) {
            arrive(to, data, hops);
        } else {
            delayer.schedule(() -> arrive(to, data, hops), delay, TimeUnit.NANOSECONDS);
        }
    }

    private void arrive(ConnectPoint at, byte[] data, int hops) {
        EmulatedSwitch sw = switches.get(at.dpid());
        if (sw == null || !sw.isConnected() || !sw.isPortLive(at.port()) || data.length < 14) {
            dropped.increment();
            return;
        }
        if (hops > MAX_HOPS) {
            loops.increment();
            log.warn(
                    "Frame dropped at {} after {} hops: dst {} src {} type {}",
                    at,
                    hops,
                    MacAddress.of(data, 0),
                    MacAddress.of(data, 6),
                    String.format("0x%04x", (data[12] & 0xff) << 8 | (data[13] & 0xff)));
            return;
        }
        carried.increment();
        lookup(sw, at.port(), data, hops);
    }

    /**
     * Looks the frame up in the switch's table: to the controller, on through the fabric, or
     * dropped.
     */
    private void lookup(EmulatedSwitch sw, PortNumber inPort, byte[] data, int hops) {
        PacketHeaders h =
                PacketHeaders.ethernet(
                        inPort,
                        MacAddress.of(data, 6),
                        MacAddress.of(data, 0),
                        (data[12] & 0xff) << 8 | (data[13] & 0xff));
        var rule = sw.table().lookup(h);
        if (rule.isEmpty()) {
            dropped.increment();
            return;
        }
        List<FlowAction> actions = rule.get().actions();
        if (actions.contains(FlowAction.output(PortNumber.CONTROLLER))) {
            sw.sendPacketIn(inPort, data);
        }
        apply(sw, inPort, actions, data, hops);
    }

    @Override
    public void close() {
        delayer.shutdownNow();
        switches.values().forEach(EmulatedSwitch::close);
    }
}
