package org.weft.rest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.weft.net.device.DeviceService;
import org.weft.net.host.HostService;
import org.weft.net.link.LinkService;

/**
 * The controller's metrics registry. The REST server records its own request latency; other modules
 * add theirs through {@link #counter} or {@link #registry()} (packet-ins, flow-mods and failovers
 * are expected next), and everything is scraped at {@code /metrics}.
 */
public final class WeftMetrics {

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** The underlying registry, for meters beyond counters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** A counter, created on first use, e.g. {@code counter("weft.packet.ins", "...")}. */
    public Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** Publishes the number of connected switches as {@code weft_switches_connected}. */
    public void watchDevices(DeviceService devices) {
        Gauge.builder("weft.switches.connected", devices, d -> d.getDevices().size())
                .description("Switches whose OpenFlow handshake completed and are connected now")
                .register(registry);
    }

    /** Publishes {@code weft_links} (directed links now) and {@code weft_hosts} (hosts now). */
    public void watchNetwork(LinkService links, HostService hosts) {
        Gauge.builder("weft.links", links, LinkService::getLinkCount)
                .description("Directed links discovered now")
                .register(registry);
        Gauge.builder("weft.hosts", hosts, HostService::getHostCount)
                .description("Hosts learned now")
                .register(registry);
    }

    /** Records one REST request as {@code weft_rest_request_seconds}. */
    public void recordRequest(String method, String route, int status, double millis) {
        Timer.builder("weft.rest.request")
                .description("REST request latency")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .publishPercentileHistogram(false)
                .register(registry)
                .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    }

    /** Every meter in Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }
}
