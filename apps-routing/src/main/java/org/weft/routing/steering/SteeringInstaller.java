package org.weft.routing.steering;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;

/**
 * Brings the switches' steering flows in line with the plans, make-before-break: new and changed
 * flows first (an add with the same match and priority replaces the old one), then, once every
 * switch confirmed them, the flows no longer wanted are removed. Remembers what each switch holds.
 */
final class SteeringInstaller {

    private static final Logger log = LoggerFactory.getLogger(SteeringInstaller.class);

    private final FlowRuleService flows;
    private final Map<Long, Map<Dpid, FlowRule>> installed = new ConcurrentHashMap<>();

    SteeringInstaller(FlowRuleService flows) {
        this.flows = flows;
    }

    /**
     * Installs the rule's wanted flows (empty: removes all of them).
     *
     * @return completes when every switch confirmed; fails with the first switch's error
     */
    CompletableFuture<Void> install(long rule, Map<Dpid, FlowRule> wanted) {
        Map<Dpid, FlowRule> have = installed.getOrDefault(rule, Map.of());
        List<CompletableFuture<Void>> adds = new ArrayList<>();
        Map<Dpid, FlowRule> now = new ConcurrentHashMap<>();
        for (var e : wanted.entrySet()) {
            FlowRule old = have.get(e.getKey());
            if (e.getValue().equals(old)) {
                now.put(e.getKey(), old);
                continue;
            }
            adds.add(
                    flows.apply(e.getKey(), List.of(FlowRuleOperation.add(e.getValue())))
                            .thenApply(BatchResult::orThrow)
                            .thenRun(() -> now.put(e.getKey(), e.getValue())));
        }
        Map<Dpid, FlowRule> stale = new HashMap<>(have);
        stale.keySet().removeAll(wanted.keySet());
        installed.put(rule, now);
        return CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new))
                .thenCompose(
                        v -> {
                            List<CompletableFuture<?>> removes = new ArrayList<>();
                            for (var e : stale.entrySet()) {
                                removes.add(
                                        flows.apply(
                                                        e.getKey(),
                                                        List.of(
                                                                FlowRuleOperation.remove(
                                                                        e.getValue())))
                                                .exceptionally(
                                                        err -> {
                                                            // Gone with its switch, or the
                                                            // switch forgets it on reconnect.
                                                            log.debug(
                                                                    "Stale steering flow on {} not"
                                                                            + " removed: {}",
                                                                    e.getKey(),
                                                                    err.toString());
                                                            return null;
                                                        }));
                            }
                            if (wanted.isEmpty()) {
                                installed.remove(rule);
                            }
                            return CompletableFuture.allOf(
                                    removes.toArray(CompletableFuture[]::new));
                        });
    }

    /** The switch reconnected with an empty table: nothing of ours is on it any more. */
    void forget(Dpid dpid) {
        installed.values().forEach(m -> m.remove(dpid));
    }
}
