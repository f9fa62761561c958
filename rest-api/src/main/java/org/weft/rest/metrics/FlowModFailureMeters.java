package org.weft.rest.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowRuleCounters;

/**
 * {@code weft_flow_mod_failures_total{dpid,reason}}: flow-mods and group-mods switches rejected or
 * did not confirm since start, by switch and reason ({@code TYPE/CODE} of the switch's error, or
 * {@code TIMEOUT}). A pair gets its counter at the first scrape after its first failure ({@link
 * #refresh()}) and keeps it, also once the switch disconnected.
 */
final class FlowModFailureMeters {

    private final MeterRegistry registry;
    private final FlowRuleCounters counters;

    /** The (dpid, reason) pairs with a counter (guarded by this). */
    private final Set<Map.Entry<Dpid, String>> registered = new HashSet<>();

    FlowModFailureMeters(MeterRegistry registry, FlowRuleCounters counters) {
        this.registry = registry;
        this.counters = counters;
    }

    synchronized void refresh() {
        counters.flowModFailures()
                .forEach(
                        (dpid, reasons) ->
                                reasons.keySet()
                                        .forEach(
                                                reason -> {
                                                    if (registered.add(Map.entry(dpid, reason))) {
                                                        register(dpid, reason);
                                                    }
                                                }));
    }

    private void register(Dpid dpid, String reason) {
        FunctionCounter.builder("weft.flow.mod.failures", counters, c -> count(c, dpid, reason))
                .description("Flow-mods and group-mods rejected or not confirmed by the switch")
                .tags("dpid", dpid.toString(), "reason", reason)
                .register(registry);
    }

    private static double count(FlowRuleCounters c, Dpid dpid, String reason) {
        return c.flowModFailures().getOrDefault(dpid, Map.of()).getOrDefault(reason, 0L);
    }
}
