package org.weft.intent;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.net.SwitchErrorException;
import org.weft.net.cluster.NotMasterException;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceService;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.intent.StaticFlow;
import org.weft.net.intent.StaticFlowException;
import org.weft.net.intent.StaticFlowException.Kind;
import org.weft.net.intent.StaticFlowService;
import org.weft.net.intent.StaticFlowState;
import org.weft.net.intent.SwitchWaits;
import org.weft.net.reconcile.ReconcileService;
import org.weft.store.IntentStore;
import org.weft.store.StoreException;

/**
 * Static flows kept in the {@link IntentStore} (kind {@value #KIND}, {@link StaticFlowCodec}) and
 * converged onto the switches by the reconciler, where they are the app {@code static} ({@link
 * StaticFlowIntent}). A flow is recorded before it is sent and acknowledged once its barrier
 * confirmed it; one the switch rejects or does not confirm in time is forgotten again. A deletion
 * is recorded first, then sent. Writers of one switch share a lock only for the duplicate check and
 * the store write, never while waiting for the switch.
 *
 * <p>In a cluster the store is shared: flows added or deleted through another instance are applied
 * when the store says so ({@link IntentStore#watch}), and only a switch's master programs it. A
 * flow for a switch another instance masters is recorded and stays {@code PENDING} here: its
 * master's reconciler installs it; deleting it records the deletion and its master removes it.
 */
public final class StaticFlowManager implements StaticFlowService {

    /** The store kind holding static flows. */
    public static final String KIND = "static-flows";

    private static final Logger log = LoggerFactory.getLogger(StaticFlowManager.class);

    private final DeviceService devices;
    private final IntentStore store;
    private final SwitchAnswers switches;
    private final ReconcileService reconciler;
    private final StaticFlowTable table = new StaticFlowTable();
    private final StaticFlowLoader loader;

    /**
     * Loads the static flows from the store (quarantining unreadable ones) and registers them with
     * the reconciler, whose passes install them; start the reconciler after this.
     *
     * @param timeout the longest wait for a switch's confirmation ({@code
     *     openflow.requestTimeoutMs})
     * @param reconciler null in embedded tests only: flows are then never reconciled
     */
    public StaticFlowManager(
            DeviceService devices,
            FlowRuleService flowRules,
            IntentStore store,
            Duration timeout,
            ReconcileService reconciler) {
        this.devices = devices;
        this.store = store;
        this.switches = new SwitchAnswers(flowRules, timeout);
        this.reconciler = reconciler;
        this.loader = new StaticFlowLoader(store, table);
        loader.load();
        log.info("Loaded {} static flows", table.size());
        if (reconciler != null) {
            reconciler.register(new StaticFlowIntent(table, devices));
        }
        store.watch(this::reload);
    }

    /** Applies what other instances added or deleted; their switches get a reconcile pass. */
    private void reload(String kind) {
        if (KIND.equals(kind)) {
            loader.load().forEach(this::requestPass);
        }
    }

    @Override
    public List<StaticFlow> list() {
        return table.all().stream().map(this::view).toList();
    }

    @Override
    public Optional<StaticFlow> get(String id) {
        return find(id).map(this::view);
    }

    @Override
    public Optional<Long> idOfCookie(long cookie) {
        return table.byCookie(cookie).map(StaticFlowEntry::id);
    }

    @Override
    public int size() {
        return table.size();
    }

    /** The flow as it stands on its switch now. */
    private StaticFlow view(StaticFlowEntry f) {
        StaticFlowEntry.Status s = f.status();
        Optional<Device> d = devices.getDevice(f.dpid());
        StaticFlowState state;
        if (d.isEmpty()) {
            state = StaticFlowState.SWITCH_DISCONNECTED;
        } else {
            state =
                    s.connection() == d.get().connectedAtMillis()
                            ? s.state()
                            : StaticFlowState.PENDING;
        }
        return new StaticFlow(
                f.id(), f.rule(), state, state == StaticFlowState.FAILED ? s.error() : null);
    }

    @Override
    public StaticFlow add(FlowRule requested, SwitchWaits waits) {
        Device device = SwitchPorts.check(devices, requested);
        Dpid dpid = device.dpid();
        String what = "installing a static flow on " + dpid;
        try (SwitchWaits.Place place = waits.enter(what)) {
            StaticFlowEntry flow = record(requested, device.connectedAtMillis());
            BatchResult result;
            try {
                result = switches.await(what, dpid, FlowRuleOperation.add(flow.rule()));
            } catch (StaticFlowException e) {
                throw notKept(flow, e);
            } catch (NotMasterException e) {
                log.info(
                        "Static flow {} recorded; {} is mastered by another instance, which"
                                + " installs it",
                        flow.id(),
                        dpid);
                return view(flow);
            }
            if (!result.ok()) {
                SwitchErrorException error = result.failures().get(result.failures().firstKey());
                flow.failed(StaticFlowIds.errorName(error), device.connectedAtMillis());
                throw notKept(flow, switches.failure(error, what));
            }
            flow.installed(device.connectedAtMillis());
            if (!table.contains(flow)) {
                requestPass(dpid);
                throw new StaticFlowException(
                        Kind.DELETED,
                        "static flow "
                                + flow.id()
                                + " was deleted while it was being installed;"
                                + " reconciliation removes it from the switch");
            }
            log.info("Static flow {} installed on {}", flow.id(), dpid);
            return view(flow);
        }
    }

    /** Gives the flow an id and records it, unless its switch already has the same entry. */
    private StaticFlowEntry record(FlowRule requested, long connection) {
        StaticFlowEntry flow;
        String json;
        try {
            long id = store.nextId(KIND);
            FlowRule rule = withCookie(requested, StaticFlowIds.cookie(id));
            flow = StaticFlowEntry.recorded(id, rule, connection);
            json = StaticFlowCodec.encode(id, rule);
        } catch (StoreException e) {
            throw storeFailed("no static flow id could be allocated", e);
        }
        table.writers().readLock().lock();
        try {
            synchronized (table.lockOf(flow.dpid())) {
                checkAndRecord(flow, json);
            }
        } finally {
            table.writers().readLock().unlock();
        }
        return flow;
    }

    /** Records the flow unless its switch has the same entry; under the switch's lock. */
    private void checkAndRecord(StaticFlowEntry flow, String json) {
        Optional<StaticFlowEntry> same = table.sameEntry(flow.rule());
        if (same.isPresent()) {
            throw new StaticFlowException(
                    Kind.DUPLICATE,
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

    private static FlowRule withCookie(FlowRule r, long cookie) {
        return new FlowRule(
                r.dpid(),
                r.tableId(),
                r.priority(),
                r.match(),
                r.actions(),
                r.idleTimeout(),
                r.hardTimeout(),
                cookie);
    }

    /**
     * Forgets a flow its switch did not install (rejected, not confirmed in time, disconnected):
     * the error says it was not kept.
     */
    private StaticFlowException notKept(StaticFlowEntry flow, StaticFlowException why) {
        table.writers().readLock().lock();
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
                            + why.getMessage()
                            + ") and could not be forgotten: it stays recorded and reconciliation"
                            + " installs it",
                    e);
        } finally {
            table.writers().readLock().unlock();
        }
        boolean mayHaveReached =
                why.kind() == Kind.TIMEOUT
                        || why.kind() == Kind.FAILED
                        || why.kind() == Kind.INTERRUPTED;
        if (mayHaveReached) {
            // The flow-mod may have reached the switch: a pass removes what the store lacks.
            requestPass(flow.dpid());
        }
        log.info("Static flow {} not kept: {}", flow.id(), why.getMessage());
        String remnant =
                mayHaveReached ? "; reconciliation removes whatever of it reached the switch" : "";
        return new StaticFlowException(
                why.kind(),
                "static flow not kept: " + why.getMessage() + remnant,
                why.getCause() == null ? why : why.getCause());
    }

    @Override
    public void remove(String id, SwitchWaits waits) {
        StaticFlowEntry flow =
                find(id).orElseThrow(
                                () ->
                                        new StaticFlowException(
                                                Kind.NOT_FOUND, "no static flow " + id));
        Dpid dpid = flow.dpid();
        boolean connected = devices.isConnected(dpid);
        String what = "removing static flow " + id + " from " + dpid;
        try (SwitchWaits.Place place = connected ? waits.enter(what) : null) {
            forget(flow);
            if (place == null) {
                return;
            }
            BatchResult result;
            try {
                result = switches.await(what, dpid, FlowRuleOperation.remove(flow.rule()));
            } catch (NotMasterException e) {
                log.debug("Static flow {}: its master removes it from {}", id, dpid, e);
                return;
            } catch (StaticFlowException e) {
                if (e.kind() == Kind.SWITCH_NOT_CONNECTED) {
                    return;
                }
                throw notRemoved(flow, e);
            }
            if (!result.ok()) {
                SwitchErrorException error = result.failures().get(result.failures().firstKey());
                throw notRemoved(
                        flow,
                        new StaticFlowException(
                                Kind.REJECTED,
                                "switch " + dpid + " answered " + StaticFlowIds.errorName(error),
                                error));
            }
        }
    }

    private void forget(StaticFlowEntry flow) {
        String id = Long.toString(flow.id());
        table.writers().readLock().lock();
        try {
            synchronized (table.lockOf(flow.dpid())) {
                if (!table.contains(flow)) {
                    throw new StaticFlowException(Kind.NOT_FOUND, "no static flow " + id);
                }
                try {
                    store.remove(KIND, id);
                } catch (StoreException e) {
                    throw storeFailed("static flow " + id + " not deleted", e);
                }
                table.remove(flow);
            }
        } finally {
            table.writers().readLock().unlock();
        }
        log.info("Static flow {} deleted", id);
    }

    private StaticFlowException notRemoved(StaticFlowEntry flow, StaticFlowException why) {
        requestPass(flow.dpid());
        log.warn(
                "Static flow {} is deleted but its removal was not confirmed: {}",
                flow.id(),
                why.getMessage());
        return new StaticFlowException(
                Kind.NOT_REMOVED,
                "static flow "
                        + flow.id()
                        + " is deleted (the deletion is recorded) but its removal from the switch"
                        + " was not confirmed ("
                        + why.getMessage()
                        + "); reconciliation will remove it",
                why);
    }

    private Optional<StaticFlowEntry> find(String id) {
        try {
            return table.get(StaticFlowIds.parse(id));
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

    private static StaticFlowException storeFailed(String what, Exception e) {
        log.error("Intent store failed: {}", what, e);
        return new StaticFlowException(Kind.STORE_FAILED, what + ": " + e.getMessage(), e);
    }
}
