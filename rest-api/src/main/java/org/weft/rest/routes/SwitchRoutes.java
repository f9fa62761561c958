package org.weft.rest.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.weft.net.PortNumber;
import org.weft.net.device.ChannelStats;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceService;
import org.weft.net.device.Port;
import org.weft.net.flow.PipelineService;
import org.weft.net.stats.LoadService;
import org.weft.net.stats.PortRate;
import org.weft.net.stats.PortStatistics;
import org.weft.net.stats.StatsService;
import org.weft.rest.dto.ChannelStatsDto;
import org.weft.rest.dto.FlowDtos;
import org.weft.rest.dto.PipelineDto;
import org.weft.rest.dto.PortDto;
import org.weft.rest.dto.PortRateDto;
import org.weft.rest.dto.PortStatsDto;
import org.weft.rest.dto.SwitchDto;
import org.weft.rest.flows.SwitchCalls;

/**
 * {@code /switches}: connected switches with their control-channel counters, their ports and port
 * counters.
 */
public final class SwitchRoutes {

    private final PipelineService pipelines;
    private final DeviceService devices;
    private final StatsService stats;
    private final SwitchCalls calls;
    private final LoadService loads;

    /**
     * @param loads measured port rates; null when statistics are not collected
     */
    /**
     * @param loads measured port rates; null when the collector is off
     * @param pipelines what each switch's pipeline can do; null when unknown (no {@code pipeline})
     */
    public SwitchRoutes(
            DeviceService devices,
            StatsService stats,
            SwitchCalls calls,
            LoadService loads,
            PipelineService pipelines) {
        this.pipelines = pipelines;
        this.devices = devices;
        this.stats = stats;
        this.calls = calls;
        this.loads = loads;
    }

    public void register(RoutesConfig r, String base) {
        r.get(base + "/switches", this::list);
        r.get(base + "/switches/{dpid}", this::one);
        r.get(base + "/switches/{dpid}/ports", this::ports);
        r.get(base + "/stats/ports", this::portStats);
    }

    private void list(Context ctx) {
        ctx.json(
                devices.getDevices().stream()
                        .sorted(Comparator.comparing(Device::dpid))
                        .map(d -> dto(d, null))
                        .toList());
    }

    private void one(Context ctx) {
        Device d = Params.deviceFromPath(ctx, devices, "dpid");
        ctx.json(dto(d, d.portList().stream().map(p -> portDto(p, null, null)).toList()));
    }

    private void ports(Context ctx) {
        Device d = Params.deviceFromPath(ctx, devices, "dpid");
        Map<PortNumber, PortStatistics> counters =
                calls
                        .call("port stats of " + d.dpid(), () -> stats.getPortStatistics(d.dpid()))
                        .stream()
                        .collect(
                                Collectors.toMap(
                                        PortStatistics::port, Function.identity(), (a, b) -> b));
        Map<PortNumber, PortRate> rates = loads == null ? Map.of() : loads.portRates(d.dpid());
        ctx.json(
                d.portList().stream()
                        .map(p -> portDto(p, counters.get(p.number()), rates.get(p.number())))
                        .toList());
    }

    private void portStats(Context ctx) {
        Device d = Params.deviceFromQuery(ctx, devices, "dpid");
        List<PortStatistics> counters =
                calls.call("port stats of " + d.dpid(), () -> stats.getPortStatistics(d.dpid()));
        ctx.json(
                counters.stream()
                        .sorted(Comparator.comparing(PortStatistics::port))
                        .map(SwitchRoutes::statsDto)
                        .toList());
    }

    private SwitchDto dto(Device d, List<PortDto> ports) {
        var rtt = devices.controlChannelRttNanos(d.dpid());
        return new SwitchDto(
                d.dpid().toString(),
                d.address(),
                d.protocol(),
                d.connectedAtMillis(),
                d.ports().size(),
                rtt.isPresent() ? rtt.getAsLong() / 1e6 : null,
                devices.channelStats(d.dpid()).map(SwitchRoutes::channelDto).orElse(null),
                pipelines == null
                        ? null
                        : pipelines
                                .pipeline(d.dpid())
                                .map(p -> new PipelineDto(p.tables(), p.policyStage()))
                                .orElse(null),
                ports);
    }

    private static ChannelStatsDto channelDto(ChannelStats c) {
        return new ChannelStatsDto(
                c.packetInsAdmitted(),
                c.packetInsDropped(),
                c.malformedMessages(),
                c.readSuspensions(),
                c.requestTimeouts(),
                c.outboundBytes(),
                c.flowModsSent(),
                c.groupModsSent(),
                c.packetOutsSent());
    }

    private static PortDto portDto(Port p, PortStatistics s, PortRate r) {
        return new PortDto(
                FlowDtos.portJson(p.number()),
                p.name(),
                p.mac().toString(),
                p.adminUp(),
                p.linkUp(),
                p.isLive(),
                p.speedMbps(),
                s == null ? null : statsDto(s),
                r == null ? null : rateDto(r));
    }

    private static PortRateDto rateDto(PortRate r) {
        return new PortRateDto(
                r.rxBitsPerSecond(),
                r.txBitsPerSecond(),
                r.rxPacketsPerSecond(),
                r.txPacketsPerSecond(),
                r.dropsPerSecond(),
                r.errorsPerSecond(),
                r.intervalMillis(),
                r.atMillis());
    }

    private static PortStatsDto statsDto(PortStatistics s) {
        return new PortStatsDto(
                FlowDtos.portJson(s.port()),
                s.rxPackets(),
                s.txPackets(),
                s.rxBytes(),
                s.txBytes(),
                s.rxDropped(),
                s.txDropped(),
                s.rxErrors(),
                s.txErrors());
    }
}
