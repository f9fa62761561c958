package org.weft.rest.flows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceEvent;
import org.weft.net.device.DeviceListener;
import org.weft.net.device.DeviceService;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.rest.ApiException;
import org.weft.rest.dto.FlowDtos;
import org.weft.rest.dto.StaticFlowDto;
import org.weft.rest.dto.StaticFlowRequest;
import org.weft.store.IntentStore;
import org.weft.store.StoreException;

/**
 * Static flows: each is installed (barrier-confirmed) before it is acknowledged, kept in the {@link
 * IntentStore}, and installed again whenever its switch (re)connects. Their cookies carry {@link
 * #APP_ID}; the low bits are the flow's id.
 */
public final class StaticFlowService implements AutoCloseable {

    /** App id in the cookie of static flows. */
    public static final int APP_ID = Cookies.STATIC_FLOW_APP;

    /** The store kind holding static flows. */
    public static final String KIND = "static-flows";

    private static final Logger log = LoggerFactory.getLogger(StaticFlowService.class);

    private record Entry(StaticFlowDto dto, FlowRule rule) {}

    private final DeviceService devices;
    private final FlowRuleService flowRules;
    private final IntentStore store;
    private final ObjectMapper mapper;
    private final Map<String, Entry> flows = new ConcurrentSkipListMap<>();
    private final Set<String> installed = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastId = new AtomicLong();
    private final DeviceListener listener = this::deviceEvent;

    /**
     * Loads the static flows from the store, installs them on switches already connected and
     * listens for switches that connect later.
     *
     * @throws StoreException when a stored flow cannot be read: Weft will not silently drop intent
     */
    public StaticFlowService(
            DeviceService devices,
            FlowRuleService flowRules,
            IntentStore store,
            ObjectMapper mapper) {
        this.devices = devices;
        this.flowRules = flowRules;
        this.store = store;
        this.mapper = mapper;
        for (Map.Entry<String, String> doc : store.list(KIND).entrySet()) {
            Entry e = parse(doc.getKey(), doc.getValue());
            flows.put(e.dto().id(), e);
            lastId.accumulateAndGet(Long.parseLong(e.dto().id()), Math::max);
        }
        log.info("Loaded {} static flows", flows.size());
        devices.addListener(listener);
        devices.getDevices().forEach(d -> reinstall(d.dpid()));
    }

    private Entry parse(String id, String json) {
        try {
            StaticFlowDto d = mapper.readValue(json, StaticFlowDto.class);
            if (!id.equals(d.id()) || !d.id().matches("[0-9]{1,15}")) {
                throw new IllegalArgumentException(
                        "id " + d.id() + " does not match its key " + id);
            }
            return new Entry(d, rule(d));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new StoreException(
                    "stored static flow " + id + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static FlowRule rule(StaticFlowDto d) {
        return FlowRule.builder(Dpid.parse(d.dpid()))
                .priority(d.priority())
                .match(FlowDtos.match(d.match()))
                .actions(FlowDtos.actions(d.actions()))
                .idleTimeout(d.idleTimeout())
                .hardTimeout(d.hardTimeout())
                .cookie(Cookies.make(APP_ID, Long.parseLong(d.id())))
                .build();
    }

    /** Every static flow, by id. */
    public List<StaticFlowDto> list() {
        List<StaticFlowDto> out = new ArrayList<>();
        flows.values().forEach(e -> out.add(withState(e.dto())));
        return out;
    }

    public Optional<StaticFlowDto> get(String id) {
        return Optional.ofNullable(flows.get(id)).map(e -> withState(e.dto()));
    }

    /** The id of the static flow a cookie belongs to, if it is one. */
    public Optional<String> idOfCookie(long cookie) {
        if (Cookies.appId(cookie) != APP_ID) {
            return Optional.empty();
        }
        String id = Long.toString(cookie & 0xffffffffffffL);
        return flows.containsKey(id) ? Optional.of(id) : Optional.empty();
    }

    private StaticFlowDto withState(StaticFlowDto d) {
        return new StaticFlowDto(
                d.id(),
                d.dpid(),
                d.priority(),
                d.match(),
                d.actions(),
                d.idleTimeout(),
                d.hardTimeout(),
                d.cookie(),
                installed.contains(d.id()));
    }

    /**
     * Validates, installs and stores a static flow.
     *
     * @throws ApiException 400 for an impossible flow, 409 when its switch is not connected or
     *     another static flow has the same switch, priority and match, 422 when it names a port the
     *     switch lacks or the switch rejects it
     */
    public synchronized StaticFlowDto add(StaticFlowRequest req) {
        String id = Long.toString(lastId.get() + 1);
        FlowRule rule;
        StaticFlowDto dto;
        try {
            if (req.dpid() == null || req.priority() == null) {
                throw new IllegalArgumentException("dpid and priority are required");
            }
            Dpid dpid = Dpid.parse(req.dpid());
            int idle = req.idleTimeout() == null ? 0 : req.idleTimeout();
            int hard = req.hardTimeout() == null ? 0 : req.hardTimeout();
            rule =
                    FlowRule.builder(dpid)
                            .priority(req.priority())
                            .match(FlowDtos.match(req.match()))
                            .actions(FlowDtos.actions(req.actions()))
                            .idleTimeout(idle)
                            .hardTimeout(hard)
                            .cookie(Cookies.make(APP_ID, Long.parseLong(id)))
                            .build();
            dto =
                    new StaticFlowDto(
                            id,
                            dpid.toString(),
                            rule.priority(),
                            FlowDtos.matchDto(rule.match()),
                            FlowDtos.actionDtos(rule.actions()),
                            idle,
                            hard,
                            String.format("0x%016x", rule.cookie()),
                            null);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage(), e);
        }
        checkAgainstTopology(rule);
        SwitchCalls.await(
                flowRules
                        .apply(rule.dpid(), List.of(FlowRuleOperation.add(rule)))
                        .thenApply(BatchResult::orThrow),
                "installing static flow on " + rule.dpid());
        try {
            store.put(KIND, id, mapper.writeValueAsString(dto));
        } catch (JsonProcessingException | StoreException e) {
            rollBack(rule, e);
            throw new ApiException(
                    500, "store failed", "static flow not kept: " + e.getMessage(), e);
        }
        lastId.set(Long.parseLong(id));
        flows.put(id, new Entry(dto, rule));
        installed.add(id);
        log.info("Static flow {} installed on {}", id, rule.dpid());
        return withState(dto);
    }

    private void checkAgainstTopology(FlowRule rule) {
        Device device =
                devices.getDevice(rule.dpid())
                        .orElseThrow(
                                () ->
                                        new ApiException(
                                                409,
                                                "switch not connected",
                                                "switch " + rule.dpid() + " is not connected"));
        for (Entry e : flows.values()) {
            FlowRule other = e.rule();
            if (other.dpid().equals(rule.dpid())
                    && other.priority() == rule.priority()
                    && other.match().equals(rule.match())) {
                throw ApiException.conflict(
                        "static flow "
                                + e.dto().id()
                                + " already has this switch, priority and match");
            }
        }
        PortNumber in = rule.match().inPort();
        if (in != null && !in.isReserved() && device.port(in).isEmpty()) {
            throw ApiException.unprocessable("switch " + rule.dpid() + " has no port " + in);
        }
        for (FlowAction a : rule.actions()) {
            if (a instanceof FlowAction.Output o
                    && !o.port().isReserved()
                    && device.port(o.port()).isEmpty()) {
                throw ApiException.unprocessable(
                        "switch " + rule.dpid() + " has no port " + o.port());
            }
        }
    }

    private void rollBack(FlowRule rule, Exception cause) {
        log.error("Static flow on {} could not be stored; removing it again", rule.dpid(), cause);
        flowRules
                .apply(rule.dpid(), List.of(FlowRuleOperation.remove(rule)))
                .whenComplete(
                        (ok, err) -> {
                            if (err != null) {
                                log.error(
                                        "Rollback of the unstored flow on {} failed",
                                        rule.dpid(),
                                        err);
                            }
                        });
    }

    /**
     * Removes a static flow from its switch (when connected) and from the store.
     *
     * @throws ApiException 404 for an unknown id; the switch's refusal keeps the flow
     */
    public synchronized void remove(String id) {
        Entry e = flows.get(id);
        if (e == null) {
            throw ApiException.notFound("no static flow " + id);
        }
        Dpid dpid = e.rule().dpid();
        if (devices.isConnected(dpid)) {
            SwitchCalls.await(
                    flowRules
                            .apply(dpid, List.of(FlowRuleOperation.remove(e.rule())))
                            .thenApply(BatchResult::orThrow),
                    "removing static flow " + id + " from " + dpid);
        }
        store.remove(KIND, id);
        flows.remove(id);
        installed.remove(id);
        log.info("Static flow {} removed from {}", id, dpid);
    }

    private void deviceEvent(DeviceEvent event) {
        Dpid dpid = event.subject().dpid();
        if (event.type() == DeviceEvent.Type.DEVICE_CONNECTED) {
            reinstall(dpid);
        } else if (event.type() == DeviceEvent.Type.DEVICE_DISCONNECTED) {
            flows.values().stream()
                    .filter(e -> e.rule().dpid().equals(dpid))
                    .forEach(e -> installed.remove(e.dto().id()));
        }
    }

    private void reinstall(Dpid dpid) {
        List<Entry> mine =
                flows.values().stream().filter(e -> e.rule().dpid().equals(dpid)).toList();
        if (mine.isEmpty()) {
            return;
        }
        List<FlowRuleOperation> ops =
                mine.stream().map(e -> FlowRuleOperation.add(e.rule())).toList();
        flowRules
                .apply(dpid, ops)
                .whenComplete(
                        (ok, err) -> {
                            if (err != null) {
                                log.error(
                                        "Re-installing {} static flows on {} failed",
                                        ops.size(),
                                        dpid,
                                        err);
                            } else {
                                mine.forEach(e -> installed.add(e.dto().id()));
                                log.info("Re-installed {} static flows on {}", ops.size(), dpid);
                            }
                        });
    }

    @Override
    public void close() {
        devices.removeListener(listener);
    }
}
