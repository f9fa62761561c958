package org.weft.rest;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.weft.net.device.DeviceService;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.stats.StatsService;
import org.weft.rest.events.EventSource;
import org.weft.rest.metrics.WeftMetrics;
import org.weft.store.IntentStore;

/**
 * The core services the REST API reads and drives.
 *
 * @param eventSources every source of the {@code /api/v1/events} stream (devices at least)
 */
public record RestServices(
        DeviceService devices,
        FlowRuleService flowRules,
        StatsService stats,
        IntentStore intents,
        WeftMetrics metrics,
        List<EventSource> eventSources) {

    public RestServices {
        checkNotNull(devices, "devices");
        checkNotNull(flowRules, "flowRules");
        checkNotNull(stats, "stats");
        checkNotNull(intents, "intents");
        checkNotNull(metrics, "metrics");
        eventSources = ImmutableList.copyOf(eventSources);
    }
}
