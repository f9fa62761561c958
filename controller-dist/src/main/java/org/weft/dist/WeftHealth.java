package org.weft.dist;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.weft.health.Health;
import org.weft.health.HealthService;
import org.weft.health.QueueDepth;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowRuleCounters;
import org.weft.net.reconcile.ReconcileService;
import org.weft.openflow.OfController;

/**
 * Weft's health from what it can read without waiting for anything: UP when the OpenFlow listener
 * is up and every internal queue is within its bound, DEGRADED otherwise, with the reasons. The
 * switches connected, the diverged switches and the batches that failed in the last minute are
 * reported, not judged: a misbehaving switch does not make the controller unhealthy.
 */
final class WeftHealth implements HealthService {

    /**
     * Device events (connects, disconnects, port changes) waiting for their listeners. Each switch
     * posts a handful per connect and at most 1,000 port changes a second before it is dropped; a
     * backlog of 10,000 means listeners are seconds behind the network.
     */
    static final int DEVICE_EVENT_BOUND = 10_000;

    /** Link, host and topology events waiting for core's listeners; as for device events. */
    static final int CORE_EVENT_BOUND = 10_000;

    /**
     * Switches waiting for a reconcile pass (each at most once in the queue). Passes take
     * milliseconds each, many at once: over 1,024 waiting means reconciliation lags behind, as
     * during the seconds after more than a thousand switches connected at once.
     */
    static final int RECONCILE_QUEUE_BOUND = 1_024;

    /**
     * Route work waiting for the routing thread: host, topology and device events (and the recovery
     * hold-down's timers, a few at most). Each is milliseconds of planning; 10,000 waiting means
     * routes lag the network by seconds or more.
     */
    static final int ROUTING_BOUND = 10_000;

    /** An internal queue: its name, how deep it is now and its bound. */
    record Queue(String name, IntSupplier depth, int bound) {}

    private final BooleanSupplier listening;
    private final IntSupplier switches;
    private final Supplier<Set<Dpid>> diverged;
    private final IntSupplier failedBatchesLastMinute;
    private final List<Queue> queues;

    WeftHealth(
            BooleanSupplier listening,
            IntSupplier switches,
            Supplier<Set<Dpid>> diverged,
            IntSupplier failedBatchesLastMinute,
            List<Queue> queues) {
        this.listening = listening;
        this.switches = switches;
        this.diverged = diverged;
        this.failedBatchesLastMinute = failedBatchesLastMinute;
        this.queues = List.copyOf(queues);
    }

    /** The health of a running Weft. */
    static WeftHealth of(
            OfController of,
            CoreServices core,
            ReconcileService reconciler,
            org.weft.routing.RoutingApp routing) {
        FlowRuleCounters counters = of.flowRuleCounters();
        List<Queue> queues = new ArrayList<>();
        queues.add(new Queue("device-events", of::deviceEventBacklog, DEVICE_EVENT_BOUND));
        queues.add(new Queue("core-events", core::eventBacklog, CORE_EVENT_BOUND));
        queues.add(
                new Queue("reconcile", () -> reconciler.stats().queued(), RECONCILE_QUEUE_BOUND));
        if (routing != null) {
            queues.add(new Queue("routing", routing::workBacklog, ROUTING_BOUND));
        }
        return new WeftHealth(
                of::isListening,
                () -> of.deviceService().getDevices().size(),
                reconciler::divergedSwitches,
                counters::failedBatchesLastMinute,
                queues);
    }

    @Override
    public Health check() {
        List<String> reasons = new ArrayList<>();
        if (!listening.getAsBoolean()) {
            reasons.add("the OpenFlow listener is not up");
        }
        List<QueueDepth> depths = new ArrayList<>();
        for (Queue q : queues) {
            QueueDepth d = new QueueDepth(q.name(), q.depth().getAsInt(), q.bound());
            depths.add(d);
            if (!d.withinBound()) {
                reasons.add(
                        "queue "
                                + d.name()
                                + " holds "
                                + d.depth()
                                + ", over its bound of "
                                + d.bound());
            }
        }
        return new Health(
                reasons,
                switches.getAsInt(),
                diverged.get().stream().sorted().toList(),
                failedBatchesLastMinute.getAsInt(),
                depths);
    }
}
