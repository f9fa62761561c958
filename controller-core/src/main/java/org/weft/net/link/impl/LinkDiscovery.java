package org.weft.net.link.impl;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.PortNumber;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceEvent;
import org.weft.net.device.DeviceListener;
import org.weft.net.device.DeviceService;
import org.weft.net.device.Port;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.packet.FastVerdict;
import org.weft.net.packet.InboundPacket;
import org.weft.net.packet.OutboundPacket;
import org.weft.net.packet.PacketContext;
import org.weft.net.packet.PacketProcessor;
import org.weft.net.packet.PacketService;
import org.weft.net.packet.parse.Ethernet;
import org.weft.net.packet.parse.Lldp;
import org.weft.time.TimeSource;
import org.weft.util.LogThrottle;
import org.weft.util.LogThrottles;

/**
 * LLDP link discovery over {@link PacketService}: asks every switch for LLDP, probes every live
 * port of every switch once per interval (switches are spread over {@value #SLOTS} slots of the
 * interval, so 1,000 switches never probe in one burst), and reports each valid probe that comes
 * back to the {@link LinkManager} with a latency sample. Probes carry a signed send time (see
 * {@link LldpSigner}); forged, stale and replayed probes are dropped and counted. Every LLDP frame
 * is blocked: later processors never see it.
 */
public final class LinkDiscovery implements PacketProcessor, DeviceListener {

    private static final Logger log = LoggerFactory.getLogger(LinkDiscovery.class);

    /** Flow priority of the LLDP-to-controller request. */
    public static final int LLDP_REQUEST_PRIORITY = 40000;

    /** The interval is cut into this many slots; each switch probes in one of them. */
    static final int SLOTS = 20;

    /** Probes claiming to be sent later than this after they arrived are rejected. */
    private static final long FUTURE_TOLERANCE_NANOS = 1_000_000;

    private static final int TTL_SECONDS = 120;

    /** Failing probes are logged at most once per switch per this interval, with a count. */
    static final Duration WARN_INTERVAL = Duration.ofMinutes(1);

    /**
     * Counts what discovery sent and received.
     *
     * @param probeFailures probes that could not be sent (the packet-out failed)
     */
    public record Counters(
            long probesSent,
            long accepted,
            long forged,
            long stale,
            long replayed,
            long foreign,
            long malformed,
            long probeFailures) {}

    private final DeviceService devices;
    private final PacketService packets;
    private final LinkManager links;
    private final LldpSigner signer;
    private final TimeSource time;
    private final long intervalNanos;
    private final long maxAgeNanos;
    private final Map<ConnectPoint, Long> lastSendTime = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder forged = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder replayed = new LongAdder();
    private final LongAdder foreign = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder probeFailures = new LongAdder();
    private final LogThrottles<Dpid> probeWarnings;
    private final LogThrottle tickWarnings;
    private Future<?> ticks;
    private long tick;

    /**
     * @param time the send times probes carry (on the scale of {@link
     *     InboundPacket#receivedAtNanos()}) and the timer of the probe slots
     */
    public LinkDiscovery(
            DeviceService devices,
            PacketService packets,
            LinkManager links,
            DiscoveryConfig config,
            TimeSource time) {
        this.devices = checkNotNull(devices, "devices");
        this.packets = checkNotNull(packets, "packets");
        this.links = checkNotNull(links, "links");
        this.signer = new LldpSigner(config.hmacKey());
        this.time = checkNotNull(time, "time");
        this.intervalNanos = config.interval().toNanos();
        this.maxAgeNanos = config.linkTimeout().toNanos();
        this.probeWarnings = new LogThrottles<>(WARN_INTERVAL, time::nanos);
        this.tickWarnings = new LogThrottle(WARN_INTERVAL, time::nanos);
    }

    /** Requests LLDP from the switches, registers the processor and starts probing. */
    public synchronized void start() {
        packets.requestPackets(
                FlowMatch.builder().ethType(FlowMatch.ETH_TYPE_LLDP).build(),
                LLDP_REQUEST_PRIORITY);
        packets.addProcessor(this, PacketProcessor.ADVISOR);
        devices.addListener(this);
        Duration slot = Duration.ofNanos(intervalNanos / SLOTS);
        ticks = time.scheduleWithFixedDelay(slot, slot, this::tickSafely);
        log.info("Started: LLDP every {} ms", intervalNanos / 1_000_000);
    }

    public synchronized void stop() {
        if (ticks != null) {
            ticks.cancel(false);
            ticks = null;
        }
        packets.removeProcessor(this);
        devices.removeListener(this);
        log.info("Stopped");
    }

    /** A failure is logged rarely; the next slot goes on. */
    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            long left = tickWarnings.admit();
            if (left >= 0) {
                log.error(
                        "LLDP round failed; continuing with the next slot ({} more since the"
                                + " last line)",
                        left,
                        e);
            }
        }
    }

    /**
     * One slot: probes the switches of this slot; once per interval, expires silent links. A probe
     * that fails (a switch whose OpenFlow version cannot carry it, say) costs only that switch's
     * probe: the other switches are still probed and links still expire.
     */
    void tick() {
        int slot = (int) (tick++ % SLOTS);
        RuntimeException probing = null;
        try {
            for (Device d : devices.getDevices()) {
                if (slotOf(d.dpid()) == slot) {
                    probe(d);
                }
            }
        } catch (RuntimeException e) {
            probing = e; // expiry runs all the same; the failure is rethrown below
        }
        if (slot == SLOTS - 1) {
            try {
                links.expire();
            } catch (RuntimeException e) {
                if (probing != null) {
                    e.addSuppressed(probing);
                }
                throw e;
            }
        }
        if (probing != null) {
            throw probing;
        }
    }

    static int slotOf(Dpid dpid) {
        long h = dpid.value() * 0x9E3779B97F4A7C15L;
        return (int) Long.remainderUnsigned(h >>> 16, SLOTS);
    }

    /** Sends a probe out of every live port of the switch. */
    public void probe(Device device) {
        for (Port p : device.portList()) {
            probe(device.dpid(), p);
        }
    }

    private void probe(Dpid dpid, Port port) {
        if (!port.isLive() || port.number().isReserved()) {
            return;
        }
        long now = time.nanos();
        Lldp lldp =
                Lldp.probe(
                        dpid.value(),
                        port.number().value(),
                        TTL_SECONDS,
                        List.of(signer.sign(dpid.value(), port.number().value(), now)));
        OutboundPacket out =
                new OutboundPacket(
                        dpid,
                        PortNumber.CONTROLLER,
                        List.of(FlowAction.output(port.number())),
                        lldp.toFrame(port.mac()));
        try {
            if (packets.emit(out)) {
                sent.increment();
            }
        } catch (RuntimeException e) {
            probeFailures.increment();
            long left = probeWarnings.admit(dpid);
            if (left >= 0) {
                log.warn(
                        "LLDP probe to {} port {} failed ({} more on this switch since the last"
                                + " line): {}",
                        dpid,
                        port.number(),
                        left,
                        e.toString());
                log.debug("LLDP probe failure on {}", dpid, e);
            }
        }
    }

    @Override
    public void event(DeviceEvent event) {
        switch (event.type()) {
            case DEVICE_CONNECTED -> probe(event.subject());
            case PORT_ADDED, PORT_UPDATED ->
                    event.port().ifPresent(p -> probe(event.subject().dpid(), p));
            default -> {}
        }
    }

    /** Only LLDP is discovery's, and its signature check is not for the I/O thread. */
    @Override
    public FastVerdict processFast(PacketContext context) {
        return context.isEthernet() && context.ethType() == Ethernet.TYPE_LLDP
                ? FastVerdict.SLOW
                : FastVerdict.PASS;
    }

    @Override
    public void process(PacketContext context) {
        InboundPacket in = context.inPacket();
        Optional<Ethernet> eth = context.ethernet();
        if (eth.isEmpty() || eth.get().ethType() != Ethernet.TYPE_LLDP) {
            return;
        }
        context.block();
        Optional<Lldp> lldp = Lldp.parse(eth.get());
        if (lldp.isEmpty()) {
            malformed.increment();
            return;
        }
        if (lldp.get().orgTlv(LldpSigner.OUI, LldpSigner.SUBTYPE_SIGNED_TIME).isEmpty()) {
            foreign.increment();
            return;
        }
        Optional<Long> sendTime = signer.verify(lldp.get());
        if (sendTime.isEmpty()) {
            forged.increment();
            log.debug("Forged LLDP on {} dropped", in.receivedFrom());
            return;
        }
        ConnectPoint src =
                ConnectPoint.of(lldp.get().dpid().getAsLong(), lldp.get().portNumber().getAsLong());
        accept(src, in.receivedFrom(), sendTime.get(), in.receivedAtNanos());
    }

    private void accept(ConnectPoint src, ConnectPoint dst, long sentAt, long receivedAt) {
        long age = receivedAt - sentAt;
        if (age > maxAgeNanos || age < -FUTURE_TOLERANCE_NANOS) {
            stale.increment();
            return;
        }
        if (!isNewer(src, sentAt)) {
            replayed.increment();
            return;
        }
        Optional<Port> srcPort = livePort(src);
        Optional<Port> dstPort = livePort(dst);
        if (srcPort.isEmpty() || dstPort.isEmpty() || src.equals(dst)) {
            stale.increment();
            return;
        }
        accepted.increment();
        long latency = Math.max(0, age - halfRtt(src.dpid()) - halfRtt(dst.dpid()));
        Link link = Link.of(src, dst);
        links.linkSeen(link, latency, capacity(srcPort.get(), dstPort.get()));
        if (links.getLinkInfo(link.reverse()).isEmpty()) {
            // The way back is unknown (say the far port came up after probing): probe it now
            // rather than a whole interval later.
            probe(dst.dpid(), dstPort.get());
        }
    }

    /** Records the send time unless an equal or later probe of the same port was accepted. */
    private boolean isNewer(ConnectPoint src, long sentAt) {
        while (true) {
            Long last = lastSendTime.get(src);
            if (last == null) {
                if (lastSendTime.putIfAbsent(src, sentAt) == null) {
                    return true;
                }
            } else if (sentAt - last <= 0) {
                return false;
            } else if (lastSendTime.replace(src, last, sentAt)) {
                return true;
            }
        }
    }

    private Optional<Port> livePort(ConnectPoint cp) {
        return devices.getDevice(cp.dpid()).flatMap(d -> d.port(cp.port())).filter(Port::isLive);
    }

    private long halfRtt(Dpid dpid) {
        return devices.controlChannelRttNanos(dpid).orElse(0) / 2;
    }

    private static long capacity(Port a, Port b) {
        if (a.speedMbps() == 0 || b.speedMbps() == 0) {
            return Math.max(a.speedMbps(), b.speedMbps());
        }
        return Math.min(a.speedMbps(), b.speedMbps());
    }

    public Counters counters() {
        return new Counters(
                sent.sum(),
                accepted.sum(),
                forged.sum(),
                stale.sum(),
                replayed.sum(),
                foreign.sum(),
                malformed.sum(),
                probeFailures.sum());
    }
}
