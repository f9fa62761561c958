package org.weft.rest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.weft.net.device.DeviceService;
import org.weft.net.failover.FailoverService;
import org.weft.net.flow.FlowRuleCounters;
import org.weft.net.host.HostService;
import org.weft.net.link.LinkService;
import org.weft.net.reconcile.ReconcileService;
import org.weft.net.routing.PacketInAnswers;
import org.weft.net.routing.ParkedFrameCounts;
import org.weft.net.routing.RoutingService;
import org.weft.net.stats.LoadService;
import org.weft.net.topology.TopologyService;

/**
 * The controller's metrics registry. The REST server records its own request latency; other modules
 * add theirs through {@link #counter} or {@link #registry()}, or are watched through their service
 * ({@code watch...}); everything is scraped at {@code /metrics}.
 */
public final class WeftMetrics {

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** Per-switch channel meters, once {@link #watchDevices} was called. */
    private volatile ChannelMeters channels;

    /**
     * The packet-in count's source, held here: a meter keeps only a weak reference to what it
     * reads, and a supplier nobody else holds (a method reference made for the call) would be
     * collected, freezing {@code weft_packet_ins_total} at its last read value (0 before a scrape).
     */
    private volatile LongSupplier packetIns;

    /** Flow-mod failures by switch and reason, once {@link #watchFlowMods} was called. */
    private volatile FlowModFailureMeters failures;

    /** Per-link load gauges (holding the load service they read), once {@link #watchLoads}. */
    private volatile LinkLoadMeters linkLoads;

    /** The underlying registry, for meters beyond counters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** A counter, created on first use, e.g. {@code counter("weft.packet.ins", "...")}. */
    public Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /**
     * Publishes the number of connected switches as {@code weft_switches_connected}, and each
     * connected switch's control-channel counters with a {@code dpid} tag ({@link ChannelMeters}:
     * {@code weft_packet_ins_dropped_total{dpid="..."}} and the like).
     */
    public void watchDevices(DeviceService devices) {
        Gauge.builder("weft.switches.connected", devices, d -> d.getDevices().size())
                .description("Switches whose OpenFlow handshake completed and are connected now")
                .register(registry);
        channels = new ChannelMeters(registry, devices);
    }

    /**
     * Publishes {@code weft_links} (directed links now), {@code weft_hosts} (hosts now) and {@code
     * weft_hosts_refused_total} (hosts not learned because the host table, or one switch's share of
     * it, was full).
     */
    public void watchNetwork(LinkService links, HostService hosts) {
        Gauge.builder("weft.links", links, LinkService::getLinkCount)
                .description("Directed links discovered now")
                .register(registry);
        Gauge.builder("weft.hosts", hosts, HostService::getHostCount)
                .description("Hosts learned now")
                .register(registry);
        FunctionCounter.builder("weft.hosts.refused", hosts, HostService::refusedHostCount)
                .description(
                        "Hosts not learned because the host table or a switch's share was full")
                .register(registry);
    }

    /**
     * Publishes {@code weft_topology_reasons_dropped_total}: device and link events not kept as a
     * snapshot's reasons because too many were waiting for the topology writer (their effect is
     * published all the same).
     */
    public void watchTopology(TopologyService topology) {
        FunctionCounter.builder(
                        "weft.topology.reasons.dropped", topology, TopologyService::reasonsDropped)
                .description(
                        "Device and link events not kept as topology reasons: too many were"
                                + " waiting for the writer")
                .register(registry);
    }

    /**
     * Publishes packet-ins handed to the packet processors since start as {@code
     * weft_packet_ins_total} (Prometheus turns the counter into a rate); the count is kept by
     * whoever watches the packet service (controller-dist's {@code PacketInCounter}).
     */
    public void watchPacketIns(LongSupplier packetIns) {
        this.packetIns = packetIns;
        FunctionCounter.builder("weft.packet.ins", packetIns, LongSupplier::getAsLong)
                .description("Packet-ins received from switches")
                .register(registry);
    }

    /**
     * Publishes {@code weft_rest_events_dropped_total}: events for {@code /api/v1/events} clients
     * dropped because the sending thread's queue was full (a slow client, a burst of events).
     */
    public void watchEvents(LongSupplier dropped) {
        FunctionCounter.builder("weft.rest.events.dropped", dropped, LongSupplier::getAsLong)
                .description("Events for event-stream clients dropped: their queue was full")
                .register(registry);
    }

    /**
     * Publishes what Weft wrote to switches since start, counted on the wire: {@code
     * weft_flow_mods_total} (batched, re-asserted and buffer-releasing flow-mods alike), {@code
     * weft_group_mods_total} and {@code weft_packet_outs_total}; and the flow-mods and group-mods
     * switches rejected or did not confirm as {@code weft_flow_mod_failures_total{dpid,reason}}
     * ({@link FlowModFailureMeters}).
     */
    public void watchFlowMods(FlowRuleCounters counters) {
        FunctionCounter.builder("weft.flow.mods", counters, FlowRuleCounters::flowModsSent)
                .description("Flow-mods written to switches")
                .register(registry);
        FunctionCounter.builder("weft.group.mods", counters, FlowRuleCounters::groupModsSent)
                .description("Group-mods written to switches")
                .register(registry);
        FunctionCounter.builder("weft.packet.outs", counters, FlowRuleCounters::packetOutsSent)
                .description("Packet-outs written to switches")
                .register(registry);
        failures = new FlowModFailureMeters(registry, counters);
    }

    /**
     * Publishes the reconciler's {@code weft_reconcile_passes_total}, {@code
     * weft_reconcile_failed_passes_total} (passes that could not read the switch or whose writes
     * were not all confirmed), {@code weft_reconcile_repairs_total} (operations sent to converge
     * switches), {@code weft_reconcile_held_back_total} (removals passes held back while the fabric
     * settled after start), {@code weft_reconcile_put_off_total} (periodic passes put off while an
     * app was changing switches), {@code weft_reconcile_events_folded_total} (device and
     * batch-failure events folded into a switch's entry already waiting), {@code
     * weft_reconcile_requests_refused_total} (passes asked for on demand and refused because too
     * many were unanswered), the gauge {@code weft_reconcile_settling} (1 while they are held back)
     * and the gauge {@code weft_diverged_switches} (connected switches whose tables differ from
     * intent now).
     */
    public void watchReconciler(ReconcileService reconciler) {
        FunctionCounter.builder("weft.reconcile.passes", reconciler, r -> r.stats().passes())
                .description("Reconcile passes finished, converged or not")
                .register(registry);
        FunctionCounter.builder(
                        "weft.reconcile.failed.passes", reconciler, r -> r.stats().failedPasses())
                .description(
                        "Reconcile passes that could not read the switch or whose writes were not"
                                + " all confirmed")
                .register(registry);
        FunctionCounter.builder("weft.reconcile.repairs", reconciler, r -> r.stats().repairs())
                .description("Flow and group operations sent to converge switches to intent")
                .register(registry);
        FunctionCounter.builder("weft.reconcile.held.back", reconciler, r -> r.stats().heldBack())
                .description(
                        "Removals reconcile passes held back while the fabric settled after start"
                                + " (counted once per pass)")
                .register(registry);
        FunctionCounter.builder("weft.reconcile.put.off", reconciler, r -> r.stats().putOff())
                .description(
                        "Periodic reconcile passes put off while an app was changing switches"
                                + " (each look that found it still changing)")
                .register(registry);
        FunctionCounter.builder(
                        "weft.reconcile.events.folded", reconciler, r -> r.stats().eventsFolded())
                .description(
                        "Device and batch-failure events folded into a switch's entry already"
                                + " waiting for the reconciler")
                .register(registry);
        FunctionCounter.builder(
                        "weft.reconcile.requests.refused",
                        reconciler,
                        r -> r.stats().requestsRefused())
                .description(
                        "Reconcile passes asked for on demand and refused at once because too many"
                                + " were unanswered")
                .register(registry);
        Gauge.builder("weft.reconcile.settling", reconciler, r -> r.stats().settling() ? 1 : 0)
                .description(
                        "1 while the fabric settles after start and passes hold back removing"
                                + " routing's entries, else 0")
                .register(registry);
        Gauge.builder("weft.diverged.switches", reconciler, r -> r.divergedSwitches().size())
                .description("Connected switches whose tables differ from intent now")
                .register(registry);
    }

    /**
     * Publishes {@code weft_failovers_total} (restorations after a loss), {@code
     * weft_recoveries_total} and {@code weft_failover_reaction_seconds} (the latest restoration,
     * topology change to last barrier reply).
     */
    public void watchFailovers(FailoverService failover) {
        FunctionCounter.builder("weft.failovers", failover, f -> f.stats().reroutes())
                .description("Restorations after lost links or switches")
                .register(registry);
        FunctionCounter.builder("weft.recoveries", failover, f -> f.stats().recoveries())
                .description("Re-optimisations after recoveries")
                .register(registry);
        Gauge.builder("weft.failover.reaction", failover, f -> f.stats().lastReactionNanos() / 1e9)
                .description("Latest restoration: topology change to last barrier reply")
                .baseUnit("seconds")
                .register(registry);
    }

    /**
     * Publishes the routing app's parked frames: {@code weft_parked_frames} (packet-in frames
     * waiting for their route to be confirmed now) and {@code weft_parked_frames_dropped_total} by
     * {@code reason}: {@code overflow} (over the bound), {@code expired} (route not confirmed in
     * time), {@code failed} (route update failed); and {@code weft_routing_packet_in_answers_total}
     * by {@code how}: {@code buffered_flow_mod} (one flow-mod releasing the switch's buffer),
     * {@code flow_mod_packet_out}, {@code packet_out}.
     */
    public void watchRouting(RoutingService routing) {
        Gauge.builder("weft.parked.frames", routing, r -> r.parkedFrames().parked())
                .description("Packet-in frames waiting for their route to be confirmed")
                .register(registry);
        parkedDropped(routing, "overflow", ParkedFrameCounts::droppedOverflow);
        parkedDropped(routing, "expired", ParkedFrameCounts::droppedExpired);
        parkedDropped(routing, "failed", ParkedFrameCounts::droppedFailed);
        answers(routing, "buffered_flow_mod", PacketInAnswers::bufferedFlowMods);
        answers(routing, "flow_mod_packet_out", PacketInAnswers::flowModsAndPacketOuts);
        answers(routing, "packet_out", PacketInAnswers::packetOutsOnly);
    }

    private void answers(
            RoutingService routing, String how, ToLongFunction<PacketInAnswers> count) {
        FunctionCounter.builder(
                        "weft.routing.packet.in.answers",
                        routing,
                        r -> count.applyAsLong(r.packetInAnswers()))
                .description("Packet-ins the routing app forwarded, by how it answered them")
                .tags("how", how)
                .register(registry);
    }

    private void parkedDropped(
            RoutingService routing, String reason, ToLongFunction<ParkedFrameCounts> count) {
        FunctionCounter.builder(
                        "weft.parked.frames.dropped",
                        routing,
                        r -> count.applyAsLong(r.parkedFrames()))
                .description("Packet-in frames dropped instead of sent along their route")
                .tags("reason", reason)
                .register(registry);
    }

    /**
     * Publishes each link's measured load: {@code weft_link_utilisation{src,dst}}, {@code
     * weft_link_tx_bits_per_second{src,dst}} ({@link LinkLoadMeters}) and {@code weft_links_hot}.
     */
    public void watchLoads(LinkService links, LoadService loads) {
        linkLoads = new LinkLoadMeters(registry, links, loads);
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
        ChannelMeters c = channels;
        if (c != null) {
            c.refresh();
        }
        FlowModFailureMeters f = failures;
        if (f != null) {
            f.refresh();
        }
        LinkLoadMeters l = linkLoads;
        if (l != null) {
            l.refresh();
        }
        return registry.scrape();
    }
}
