package org.weft.routing.steering;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.SwitchErrorException;
import org.weft.net.cluster.NotMasterException;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;

/**
 * Keeps each rule's wanted flows (intent, recorded before they are sent) and where each switch
 * stands with them: brings the switches in line make-before-break (new and changed flows first, an
 * add with the same match and priority replacing the old one; then, once every switch confirmed
 * them, the flows no longer wanted are removed). A switch that rejects, does not answer or is away
 * is left to the reconciler, which reports back through {@link #inSync}.
 */
final class SteeringInstaller {

    private static final Logger log = LoggerFactory.getLogger(SteeringInstaller.class);

    /** Where one switch stands with one rule's flow. */
    record SwitchStatus(boolean confirmed, String error) {
        static final SwitchStatus PENDING = new SwitchStatus(false, null);
        static final SwitchStatus CONFIRMED = new SwitchStatus(true, null);
    }

    private final FlowRuleService flows;
    private final Map<Long, Map<Dpid, FlowRule>> wanted = new ConcurrentHashMap<>();
    private final Map<Long, Map<Dpid, SwitchStatus>> status = new ConcurrentHashMap<>();

    SteeringInstaller(FlowRuleService flows) {
        this.flows = flows;
    }

    /**
     * Makes {@code next} the rule's wanted flows (empty: removes all of them) and sends what
     * differs.
     *
     * @return completes when every switch answered (or failed to); never fails
     */
    CompletableFuture<Void> install(long rule, Map<Dpid, FlowRule> next) {
        Map<Dpid, FlowRule> had =
                next.isEmpty() ? wanted.remove(rule) : wanted.put(rule, Map.copyOf(next));
        Map<Dpid, FlowRule> have = had == null ? Map.of() : had;
        Map<Dpid, SwitchStatus> st =
                next.isEmpty()
                        ? new ConcurrentHashMap<>()
                        : status.computeIfAbsent(rule, r -> new ConcurrentHashMap<>());
        if (next.isEmpty()) {
            status.remove(rule);
        }
        st.keySet().retainAll(next.keySet());
        List<CompletableFuture<Void>> adds = new ArrayList<>();
        for (var e : next.entrySet()) {
            Dpid d = e.getKey();
            if (e.getValue().equals(have.get(d)) && st.containsKey(d)) {
                continue;
            }
            st.put(d, SwitchStatus.PENDING);
            adds.add(
                    flows.apply(d, List.of(FlowRuleOperation.add(e.getValue())))
                            .handle((r, err) -> record(rule, d, st, r, err)));
        }
        List<FlowRule> stale = new ArrayList<>();
        have.forEach(
                (d, old) -> {
                    FlowRule now = next.get(d);
                    if (now == null
                            || now.priority() != old.priority()
                            || !now.match().equals(old.match())) {
                        stale.add(old);
                    }
                });
        return CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new))
                .thenCompose(
                        v -> {
                            List<CompletableFuture<?>> removes = new ArrayList<>();
                            for (FlowRule old : stale) {
                                removes.add(
                                        flows.apply(
                                                        old.dpid(),
                                                        List.of(FlowRuleOperation.remove(old)))
                                                .handle(
                                                        (r, err) -> {
                                                            // Not intended any more: the
                                                            // reconciler removes it if it stays.
                                                            if (err != null) {
                                                                log.debug(
                                                                        "Stale steering flow on {}"
                                                                                + " not removed:"
                                                                                + " {}",
                                                                        old.dpid(),
                                                                        err.toString());
                                                            }
                                                            return null;
                                                        }));
                            }
                            return CompletableFuture.allOf(
                                    removes.toArray(CompletableFuture[]::new));
                        });
    }

    private Void record(
            long rule, Dpid d, Map<Dpid, SwitchStatus> st, BatchResult r, Throwable err) {
        Throwable cause =
                err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        SwitchStatus s;
        if (cause == null && r.ok()) {
            s = SwitchStatus.CONFIRMED;
        } else if (cause == null) {
            SwitchErrorException x = r.failures().get(r.failures().firstKey());
            s =
                    new SwitchStatus(
                            false,
                            "switch " + d + " answered " + x.errorType() + "/" + x.errorCode());
        } else if (cause instanceof DeviceNotConnectedException
                || cause instanceof NotMasterException) {
            // Away, or (in a cluster) another instance's to write: a pass installs it when this
            // instance connects to the switch or becomes its master.
            s = SwitchStatus.PENDING;
        } else {
            s = new SwitchStatus(false, "switch " + d + " did not confirm: " + cause);
        }
        if (status.get(rule) == st) {
            st.replace(d, s);
        }
        return null;
    }

    /** A reconcile pass left the switch holding exactly {@code held} of steering's flows. */
    void inSync(Dpid d, List<FlowRule> held) {
        wanted.forEach(
                (rule, flowsByDpid) -> {
                    FlowRule f = flowsByDpid.get(d);
                    Map<Dpid, SwitchStatus> st = status.get(rule);
                    if (f != null && st != null && held.contains(f)) {
                        st.replace(d, SwitchStatus.CONFIRMED);
                    }
                });
    }

    /** The switch went away: what it held is checked again when it returns. */
    void disconnected(Dpid d) {
        status.values().forEach(st -> st.replace(d, SwitchStatus.PENDING));
    }

    /** Where each switch of the rule's flows stands (empty when it has none). */
    Map<Dpid, SwitchStatus> status(long rule) {
        Map<Dpid, SwitchStatus> st = status.get(rule);
        return st == null ? Map.of() : Map.copyOf(st);
    }

    /** Every steering flow wanted on the switch. */
    List<FlowRule> intended(Dpid d) {
        List<FlowRule> out = new ArrayList<>();
        wanted.values()
                .forEach(
                        m -> {
                            FlowRule f = m.get(d);
                            if (f != null) {
                                out.add(f);
                            }
                        });
        return out;
    }
}
