package org.weft.rest.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceService;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowRule;
import org.weft.net.stats.FlowEntry;
import org.weft.net.stats.StatsService;
import org.weft.rest.dto.FlowDtos;
import org.weft.rest.dto.FlowEntryDto;
import org.weft.rest.dto.StaticFlowDto;
import org.weft.rest.dto.StaticFlowRequest;
import org.weft.rest.flows.StaticFlowRequests;
import org.weft.rest.flows.SwitchCalls;

/**
 * {@code /flows} (what switches hold), {@code /flows/static} (what operators asked for), groups.
 */
public final class FlowRoutes {

    private final DeviceService devices;
    private final StatsService stats;
    private final StaticFlowRequests staticFlows;
    private final SwitchCalls calls;
    private final ObjectMapper mapper;

    public FlowRoutes(
            DeviceService devices,
            StatsService stats,
            StaticFlowRequests staticFlows,
            SwitchCalls calls,
            ObjectMapper mapper) {
        this.devices = devices;
        this.stats = stats;
        this.staticFlows = staticFlows;
        this.calls = calls;
        this.mapper = mapper;
    }

    public void register(RoutesConfig r, String base) {
        r.get(base + "/flows", this::flows);
        r.post(base + "/flows", this::add);
        r.get(base + "/flows/static", ctx -> ctx.json(staticFlows.list()));
        r.delete(base + "/flows/{id}", this::remove);
        r.get(base + "/groups", this::groups);
    }

    private void flows(Context ctx) {
        Device d = Params.deviceFromQuery(ctx, devices, "dpid");
        List<FlowEntry> entries =
                calls.call("flow stats of " + d.dpid(), () -> stats.getFlowEntries(d.dpid()));
        ctx.json(
                entries.stream()
                        .sorted(
                                Comparator.comparingInt((FlowEntry e) -> e.rule().tableId())
                                        .thenComparing(e -> -e.rule().priority()))
                        .map(this::entryDto)
                        .toList());
    }

    private FlowEntryDto entryDto(FlowEntry e) {
        FlowRule r = e.rule();
        return new FlowEntryDto(
                r.dpid().toString(),
                r.tableId(),
                r.priority(),
                FlowDtos.matchDto(r.match()),
                FlowDtos.actionDtos(r.actions()),
                r.idleTimeout(),
                r.hardTimeout(),
                String.format("0x%016x", r.cookie()),
                e.appId(),
                Cookies.APP_NAMES.get(e.appId()),
                staticFlows.idOfCookie(r.cookie()).orElse(null),
                e.packets(),
                e.bytes(),
                e.durationSeconds());
    }

    private void add(Context ctx) {
        StaticFlowRequest req = Params.body(ctx, mapper, StaticFlowRequest.class);
        StaticFlowDto flow = staticFlows.add(req);
        // 202: recorded, but another instance of the cluster masters the switch and installs it.
        ctx.status("PENDING".equals(flow.state()) ? 202 : 201).json(flow);
    }

    private void remove(Context ctx) {
        staticFlows.remove(ctx.pathParam("id"));
        ctx.status(204);
    }

    private void groups(Context ctx) {
        Device d = Params.deviceFromQuery(ctx, devices, "dpid");
        ctx.json(
                calls.call("groups of " + d.dpid(), () -> stats.getGroups(d.dpid())).stream()
                        .map(FlowDtos::groupDto)
                        .toList());
    }
}
