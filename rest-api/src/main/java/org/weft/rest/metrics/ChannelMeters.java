package org.weft.rest.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.weft.net.Dpid;
import org.weft.net.device.ChannelStats;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceService;

/**
 * Every connected switch's control-channel counters as meters with a {@code dpid} tag: {@code
 * weft_packet_ins_admitted_total}, {@code weft_packet_ins_dropped_total}, {@code
 * weft_malformed_messages_total}, {@code weft_read_suspensions_total}, {@code
 * weft_request_timeouts_total}, {@code weft_flow_mods_sent_total}, {@code
 * weft_group_mods_sent_total}, {@code weft_packet_outs_sent_total} (counters since the switch
 * connected) and {@code weft_outbound_bytes} (a gauge: bytes queued for the switch now). The set of
 * switches is taken at each scrape ({@link #refresh()}): a switch that connected gets its meters,
 * one that left loses them; values are read from {@link DeviceService#channelStats} when scraped.
 */
final class ChannelMeters {

    private final MeterRegistry registry;
    private final DeviceService devices;

    /** The meters of each switch seen connected at the last refresh (guarded by this). */
    private final Map<Dpid, List<Meter>> meters = new HashMap<>();

    ChannelMeters(MeterRegistry registry, DeviceService devices) {
        this.registry = registry;
        this.devices = devices;
    }

    /** Adds meters for switches that connected and removes those of switches that left. */
    synchronized void refresh() {
        Set<Dpid> connected =
                devices.getDevices().stream().map(Device::dpid).collect(Collectors.toSet());
        for (Iterator<Map.Entry<Dpid, List<Meter>>> it = meters.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<Dpid, List<Meter>> e = it.next();
            if (!connected.contains(e.getKey())) {
                e.getValue().forEach(registry::remove);
                it.remove();
            }
        }
        for (Dpid dpid : connected) {
            meters.computeIfAbsent(dpid, this::register);
        }
    }

    private List<Meter> register(Dpid dpid) {
        return List.of(
                counter(
                        "weft.packet.ins.admitted",
                        "Packet-ins admitted by the switch's token bucket since it connected",
                        dpid,
                        ChannelStats::packetInsAdmitted),
                counter(
                        "weft.packet.ins.dropped",
                        "Packet-ins dropped before parsing (over the switch's token bucket or"
                                + " early buffer) since it connected",
                        dpid,
                        ChannelStats::packetInsDropped),
                counter(
                        "weft.malformed.messages",
                        "Messages from the switch that could not be decoded since it connected",
                        dpid,
                        ChannelStats::malformedMessages),
                counter(
                        "weft.read.suspensions",
                        "Times reading from the switch stopped on back-pressure since it connected",
                        dpid,
                        ChannelStats::readSuspensions),
                counter(
                        "weft.flow.mods.sent",
                        "Flow-mods written to the switch since it connected",
                        dpid,
                        ChannelStats::flowModsSent),
                counter(
                        "weft.group.mods.sent",
                        "Group-mods written to the switch since it connected",
                        dpid,
                        ChannelStats::groupModsSent),
                counter(
                        "weft.packet.outs.sent",
                        "Packet-outs written to the switch since it connected",
                        dpid,
                        ChannelStats::packetOutsSent),
                counter(
                        "weft.request.timeouts",
                        "Requests the switch did not answer in time since it connected",
                        dpid,
                        ChannelStats::requestTimeouts),
                Gauge.builder(
                                "weft.outbound",
                                devices,
                                d -> value(d, dpid, ChannelStats::outboundBytes))
                        .description("Bytes queued for the switch now, not yet written")
                        .baseUnit("bytes")
                        .tags("dpid", dpid.toString())
                        .register(registry));
    }

    private Meter counter(
            String name, String description, Dpid dpid, ToLongFunction<ChannelStats> count) {
        return FunctionCounter.builder(name, devices, d -> value(d, dpid, count))
                .description(description)
                .tags("dpid", dpid.toString())
                .register(registry);
    }

    /** The counter now; NaN when the switch left since the last refresh. */
    private static double value(DeviceService d, Dpid dpid, ToLongFunction<ChannelStats> count) {
        return d.channelStats(dpid).map(s -> (double) count.applyAsLong(s)).orElse(Double.NaN);
    }
}
