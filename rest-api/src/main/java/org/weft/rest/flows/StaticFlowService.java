package org.weft.rest.flows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.SwitchErrorException;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceService;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.reconcile.ReconcileService;
import org.weft.rest.ApiException;
import org.weft.rest.dto.StaticFlowDto;
import org.weft.rest.dto.StaticFlowRequest;
import org.weft.store.IntentStore;
import org.weft.store.StoreException;

/**
 * Static flows: operator intent kept in the {@link IntentStore} (kind {@value #KIND}) and converged
 * onto the switches by the reconciler, where they are the app {@code static} ({@link
 * StaticFlowIntent}). A flow is recorded before it is sent and acknowledged once its barrier
 * confirmed it; one the switch rejects or does not confirm in time is forgotten again. A deletion
 * is recorded first, then sent. Writers of one switch share a lock only for the duplicate check and
 * the store write, never while waiting for the switch. Cookies carry {@link #APP_ID}; their low 48
 * bits are the flow's id, which is never reused.
 */
public final class StaticFlowService {

    /** App id in the cookie of static flows. */
    public static final int APP_ID = Cookies.STATIC_FLOW_APP;

    /** The store kind holding static flows. */
    public static final String KIND = "static-flows";

    private static final Logger log = LoggerFactory.getLogger(StaticFlowService.class);

    private final DeviceService devices;
    private final FlowRuleService flowRules;
    private final IntentStore store;
    private final ObjectMapper mapper;
    private final SwitchCalls calls;
    private final ReconcileService reconciler;
    private final StaticFlowTable table = new StaticFlowTable();

    /**
     * Loads the static flows from the store (quarantining unreadable ones) and registers them with
     * the reconciler, whose passes install them.
     *
     * @param reconciler null in embedded tests only: flows are then never reconciled
     */
    public StaticFlowService(
            DeviceService devices,
            FlowRuleService flowRules,
            IntentStore store,
            ObjectMapper mapper,
            SwitchCalls calls,
            ReconcileService reconciler) {
        this.devices = devices;
        this.flowRules = flowRules;
        this.store = store;
        this.mapper = mapper;
        this.calls = calls;
        this.reconciler = reconciler;
        load();
        if (reconciler != null) {
            reconciler.register(new StaticFlowIntent(table, devices));
        }
    }

    private void load() {
        for (Map.Entry<String, String> doc : store.list(KIND).entrySet()) {
            String id = doc.getKey();
            try {
                table.put(StaticFlowRules.parse(mapper, id, doc.getValue()));
            } catch (IllegalArgumentException e) {
                quarantine(id, e.getMessage());
            }
        }
        log.info("Loaded {} static flows", table.size());
    }

    private void quarantine(String id, String reason) {
        try {
            store.quarantine(KIND, id, "static flow " + id + " is unreadable: " + reason);
        } catch (StoreException e) {
            log.error(
                    "Static flow {} is unreadable ({}), and stays where it is, ignored",
                    id,
                    reason,
                    e);
        }
    }

    /** Every static flow, by id. */
    public List<StaticFlowDto> list() {
        return table.all().stream().map(this::dto).toList();
    }

    public Optional<StaticFlowDto> get(String id) {
        return find(id).map(this::dto);
    }

    /** The id of the static flow a cookie belongs to, if it is one. */
    public Optional<String> idOfCookie(long cookie) {
        return table.byCookie(cookie).map(f -> Long.toString(f.id()));
    }

    /** Static flows kept now. */
    public int size() {
        return table.size();
    }

    /** The flow's state on its switch now. */
    StaticFlowState stateOf(StaticFlow f) {
        Optional<Device> d = devices.getDevice(f.dpid());
        if (d.isEmpty()) {
            return StaticFlowState.SWITCH_DISCONNECTED;
        }
        StaticFlow.Status s = f.status();
        return s.connection() == d.get().connectedAtMillis() ? s.state() : StaticFlowState.PENDING;
    }

    private StaticFlowDto dto(StaticFlow f) {
        StaticFlowRecord r = f.record();
        StaticFlowState state = stateOf(f);
        return new StaticFlowDto(
                r.id(),
                r.dpid(),
                r.priority(),
                r.match(),
                r.actions(),
                r.idleTimeout(),
                r.hardTimeout(),
                StaticFlowRules.cookieText(f.id()),
                state.name(),
                state == StaticFlowState.FAILED ? f.status().error() : null);
    }

    /**
     * Validates and records a static flow, sends it and waits for its barrier.
     *
     * @throws ApiException 400 for an impossible flow; 409 when its switch is not connected or
     *     another static flow has the same switch, priority and match; 422 when it names a port the
     *     switch lacks or the switch rejects it; 429 when too many requests wait for switches; 504
     *     when the switch does not confirm it in time. On every error the flow is not kept.
     */
    public StaticFlowDto add(StaticFlowRequest req) {
        StaticFlowRecord draft;
        FlowRule probe;
        try {
            draft = StaticFlowRules.fromRequest(req);
            probe = StaticFlowRules.rule(draft.withId(1));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage(), e);
        }
        Device device = SwitchPorts.check(devices, probe);
        Dpid dpid = device.dpid();
        String what = "installing a static flow on " + dpid;
        try (SwitchCalls.Slot slot = calls.enter(what)) {
            StaticFlow flow = record(draft, device.connectedAtMillis());
            BatchResult result;
            try {
                result =
                        slot.await(
                                what,
                                () ->
                                        flowRules.apply(
                                                dpid, List.of(FlowRuleOperation.add(flow.rule()))));
            } catch (ApiException e) {
                throw notKept(flow, e);
            }
            if (!result.ok()) {
                SwitchErrorException error = result.failures().get(result.failures().firstKey());
                flow.failed(SwitchCalls.errorName(error), device.connectedAtMillis());
                throw notKept(flow, calls.translate(error, what));
            }
            flow.installed(device.connectedAtMillis());
            if (!table.contains(flow)) {
                requestPass(dpid);
                throw ApiException.conflict(
                        "static flow "
                                + flow.id()
                                + " was deleted while it was being installed;"
                                + " reconciliation removes it from the switch");
            }
            log.info("Static flow {} installed on {}", flow.id(), dpid);
            return dto(flow);
        }
    }

    /** Gives the flow an id and records it, unless its switch already has the same entry. */
    private StaticFlow record(StaticFlowRecord draft, long connection) {
        StaticFlow flow;
        String json;
        try {
            long id = store.nextId(KIND);
            StaticFlowRecord r = draft.withId(id);
            flow = StaticFlow.recorded(id, r, StaticFlowRules.rule(r), connection);
            json = mapper.writeValueAsString(r);
        } catch (StoreException | JsonProcessingException e) {
            throw storeFailed("no static flow id could be allocated", e);
        }
        synchronized (table.lockOf(flow.dpid())) {
            Optional<StaticFlow> same = table.sameEntry(flow.rule());
            if (same.isPresent()) {
                throw ApiException.conflict(
                        "static flow "
                                + same.get().id()
                                + " already has this switch, priority and match");
            }
            try {
                store.put(KIND, Long.toString(flow.id()), json);
            } catch (StoreException e) {
                throw storeFailed("static flow not recorded, nothing sent", e);
            }
            table.put(flow);
        }
        return flow;
    }

    /**
     * Forgets a flow its switch did not install (rejected, not confirmed in time, disconnected):
     * the answer to the request says it was not kept.
     */
    private ApiException notKept(StaticFlow flow, ApiException why) {
        try {
            synchronized (table.lockOf(flow.dpid())) {
                store.remove(KIND, Long.toString(flow.id()));
                table.remove(flow);
            }
        } catch (StoreException e) {
            return storeFailed(
                    "static flow "
                            + flow.id()
                            + " was not installed ("
                            + why.detail()
                            + ") and could not be forgotten: it stays recorded and reconciliation"
                            + " installs it",
                    e);
        }
        if (why.status() >= 500) {
            // The flow-mod may have reached the switch: a pass removes what the store lacks.
            requestPass(flow.dpid());
        }
        log.info("Static flow {} not kept: {}", flow.id(), why.detail());
        String remnant =
                why.status() >= 500
                        ? "; reconciliation removes whatever of it reached the switch"
                        : "";
        return new ApiException(
                why.status(),
                why.error(),
                "static flow not kept: " + why.detail() + remnant,
                why.getCause() == null ? why : why.getCause());
    }

    /**
     * Deletes a static flow: recorded first, then removed from its switch when it is connected
     * (when it is not, the reconciler removes it once the switch connects).
     *
     * @throws ApiException 404 for an unknown id; 429 when too many requests wait for switches; 502
     *     when the switch rejected the removal and 504 when it did not confirm it in time (the
     *     deletion is recorded either way, and reconciliation removes the flow)
     */
    public void remove(String id) {
        StaticFlow flow = find(id).orElseThrow(() -> ApiException.notFound("no static flow " + id));
        Dpid dpid = flow.dpid();
        boolean connected = devices.isConnected(dpid);
        String what = "removing static flow " + id + " from " + dpid;
        try (SwitchCalls.Slot slot = connected ? calls.enter(what) : null) {
            forget(flow);
            if (slot == null) {
                return;
            }
            BatchResult result;
            try {
                result =
                        slot.await(
                                what,
                                () ->
                                        flowRules.apply(
                                                dpid,
                                                List.of(FlowRuleOperation.remove(flow.rule()))));
            } catch (ApiException e) {
                if (e.getCause() instanceof DeviceNotConnectedException) {
                    return;
                }
                throw notRemoved(flow, e.status() == 504 ? 504 : 502, e.error(), e.detail(), e);
            }
            if (!result.ok()) {
                SwitchErrorException error = result.failures().get(result.failures().firstKey());
                throw notRemoved(
                        flow,
                        502,
                        "switch rejected",
                        "switch " + dpid + " answered " + SwitchCalls.errorName(error),
                        error);
            }
        }
    }

    private void forget(StaticFlow flow) {
        String id = Long.toString(flow.id());
        synchronized (table.lockOf(flow.dpid())) {
            if (!table.contains(flow)) {
                throw ApiException.notFound("no static flow " + id);
            }
            try {
                store.remove(KIND, id);
            } catch (StoreException e) {
                throw storeFailed("static flow " + id + " not deleted", e);
            }
            table.remove(flow);
        }
        log.info("Static flow {} deleted", id);
    }

    private ApiException notRemoved(
            StaticFlow flow, int status, String error, String detail, Throwable cause) {
        requestPass(flow.dpid());
        log.warn(
                "Static flow {} is deleted but its removal was not confirmed: {}",
                flow.id(),
                detail);
        return new ApiException(
                status,
                error,
                "static flow "
                        + flow.id()
                        + " is deleted (the deletion is recorded) but its removal from the switch"
                        + " was not confirmed ("
                        + detail
                        + "); reconciliation will remove it",
                cause);
    }

    private Optional<StaticFlow> find(String id) {
        try {
            return table.get(StaticFlowRules.parseId(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Asks the reconciler for a pass of the switch now (it removes what the store lacks). */
    private void requestPass(Dpid dpid) {
        if (reconciler == null) {
            return;
        }
        reconciler
                .reconcile(dpid)
                .whenComplete(
                        (report, e) -> {
                            if (e != null) {
                                log.debug(
                                        "Reconcile pass of {} did not run: {}", dpid, e.toString());
                            }
                        });
    }

    private static ApiException storeFailed(String what, Exception e) {
        log.error("Intent store failed: {}", what, e);
        return new ApiException(500, "store failed", what + ": " + e.getMessage(), e);
    }
}
