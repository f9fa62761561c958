package org.weft.net.topology.impl;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.Sets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.event.AbstractEvent;
import org.weft.event.ListenerRegistry;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceEvent;
import org.weft.net.device.DeviceListener;
import org.weft.net.device.DeviceService;
import org.weft.net.link.LinkEvent;
import org.weft.net.link.LinkListener;
import org.weft.net.link.LinkService;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.TopologyEvent;
import org.weft.net.topology.TopologyListener;
import org.weft.net.topology.TopologyService;
import org.weft.net.topology.TopologySnapshot;

/**
 * The single writer of the topology. Device and link events are queued; one thread takes a batch
 * (everything that arrives within {@code batchWindow} of the first event, at most {@code
 * maxBatchEvents}; a lost link or switch closes the batch at once, a batch of latency samples alone
 * waits {@link #MEASUREMENT_WINDOW_FACTOR} windows), rebuilds the snapshot from the device and link
 * services, and publishes it with a volatile write when something changed. Readers call {@link
 * #currentSnapshot()} without locks.
 */
public final class TopologyManager implements TopologyService {

    private static final Logger log = LoggerFactory.getLogger(TopologyManager.class);

    /** Default batch window: 20 ms. */
    public static final Duration DEFAULT_BATCH_WINDOW = Duration.ofMillis(20);

    /** A batch of latency samples only waits this many windows (1 s with the default window). */
    public static final int MEASUREMENT_WINDOW_FACTOR = 50;

    /** Default largest batch: 1,000 events. */
    public static final int DEFAULT_MAX_BATCH_EVENTS = 1000;

    private static final AbstractEvent<?, ?> STOP = new AbstractEvent<>(Stop.STOP, "stop") {};

    private enum Stop {
        STOP
    }

    private final DeviceService devices;
    private final LinkService links;
    private final ListenerRegistry<TopologyEvent, TopologyListener> listeners;
    private final Clock clock;
    private final long batchWindowNanos;
    private final int maxBatchEvents;
    private final BlockingQueue<AbstractEvent<?, ?>> queue = new LinkedBlockingQueue<>();
    private final DeviceListener deviceListener = queue::add;
    private final LinkListener linkListener = queue::add;
    private final AtomicLong batches = new AtomicLong();
    private volatile TopologySnapshot current = TopologySnapshot.empty();
    private Thread writer;

    public TopologyManager(
            DeviceService devices,
            LinkService links,
            Executor events,
            Clock clock,
            Duration batchWindow,
            int maxBatchEvents) {
        checkArgument(!batchWindow.isNegative(), "batch window must not be negative");
        checkArgument(maxBatchEvents >= 1, "a batch holds at least one event");
        this.devices = checkNotNull(devices, "devices");
        this.links = checkNotNull(links, "links");
        this.listeners = new ListenerRegistry<>(events);
        this.clock = checkNotNull(clock, "clock");
        this.batchWindowNanos = batchWindow.toNanos();
        this.maxBatchEvents = maxBatchEvents;
    }

    /** Builds the first snapshot from what is known now and starts following events. */
    public synchronized void start() {
        devices.addListener(deviceListener);
        links.addListener(linkListener);
        rebuild(List.of());
        writer = new Thread(this::run, "weft-topology");
        writer.setDaemon(true);
        writer.start();
        log.info("Started");
    }

    public synchronized void stop() {
        devices.removeListener(deviceListener);
        links.removeListener(linkListener);
        if (writer != null) {
            queue.add(STOP);
            try {
                writer.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writer = null;
        }
        log.info("Stopped");
    }

    @Override
    public TopologySnapshot currentSnapshot() {
        return current;
    }

    /** How many batches the writer has processed (a batch publishes at most one snapshot). */
    public long batchCount() {
        return batches.get();
    }

    private void run() {
        try {
            while (true) {
                List<AbstractEvent<?, ?>> batch = nextBatch();
                boolean stop = batch.remove(STOP);
                if (!batch.isEmpty()) {
                    rebuildSafely(batch);
                }
                if (stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.debug("Topology writer interrupted", e);
        }
    }

    private List<AbstractEvent<?, ?>> nextBatch() throws InterruptedException {
        List<AbstractEvent<?, ?>> batch = new ArrayList<>();
        AbstractEvent<?, ?> first = queue.take();
        batch.add(first);
        long start = System.nanoTime();
        boolean measurementsOnly = isMeasurement(first);
        long deadline =
                start
                        + (measurementsOnly
                                ? MEASUREMENT_WINDOW_FACTOR * batchWindowNanos
                                : batchWindowNanos);
        boolean done = first == STOP || isLoss(first);
        while (batch.size() < maxBatchEvents) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || done) {
                queue.drainTo(batch, maxBatchEvents - batch.size());
                break;
            }
            AbstractEvent<?, ?> e = queue.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                break;
            }
            batch.add(e);
            done = e == STOP || isLoss(e);
            if (measurementsOnly && !isMeasurement(e)) {
                // Something other than a latency sample: back to the normal window.
                measurementsOnly = false;
                deadline = Math.min(deadline, System.nanoTime() + batchWindowNanos);
            }
        }
        return batch;
    }

    /**
     * A latency sample that moved a link's estimate: nothing routing must hear of quickly, and on a
     * large fabric they come all the time, each costing a snapshot; a batch of only these waits
     * {@link #MEASUREMENT_WINDOW_FACTOR} windows.
     */
    private static boolean isMeasurement(AbstractEvent<?, ?> e) {
        return e instanceof LinkEvent le
                && le.type() == LinkEvent.Type.UPDATED
                && le.reason() == LinkEvent.Reason.MEASURED;
    }

    /**
     * A lost link or switch ends the batch at once: traffic is being dropped until routing hears of
     * it, so it is not worth waiting for more events (whatever is already queued still joins).
     */
    private static boolean isLoss(AbstractEvent<?, ?> e) {
        return (e instanceof LinkEvent le && le.type() == LinkEvent.Type.REMOVED)
                || (e instanceof DeviceEvent de
                        && de.type() == DeviceEvent.Type.DEVICE_DISCONNECTED);
    }

    private void rebuildSafely(List<AbstractEvent<?, ?>> batch) {
        try {
            rebuild(batch);
        } catch (RuntimeException e) {
            log.error("Could not rebuild the topology after {} events", batch.size(), e);
        }
    }

    /** Rebuilds from the services' state now; publishes and announces only when it changed. */
    private void rebuild(List<AbstractEvent<?, ?>> batch) {
        batches.incrementAndGet();
        Set<Dpid> switches =
                devices.getDevices().stream().map(Device::dpid).collect(Collectors.toSet());
        Map<Link, LinkInfo> now = new HashMap<>();
        links.getLinks()
                .forEach(
                        (l, info) -> {
                            if (switches.contains(l.srcDpid()) && switches.contains(l.dstDpid())) {
                                now.put(l, info);
                            }
                        });
        TopologySnapshot prev = current;
        Set<Link> updated = new java.util.HashSet<>();
        now.forEach(
                (l, info) -> {
                    LinkInfo old = prev.linkInfo(l).orElse(null);
                    if (old != null && !old.equals(info)) {
                        updated.add(l);
                    }
                });
        Set<Dpid> addedSw = Sets.difference(switches, prev.switches()).immutableCopy();
        Set<Dpid> removedSw = Sets.difference(prev.switches(), switches).immutableCopy();
        Set<Link> addedLinks = Sets.difference(now.keySet(), prev.links()).immutableCopy();
        Set<Link> removedLinks = Sets.difference(prev.links(), now.keySet()).immutableCopy();
        if (addedSw.isEmpty()
                && removedSw.isEmpty()
                && addedLinks.isEmpty()
                && removedLinks.isEmpty()
                && updated.isEmpty()) {
            return;
        }
        TopologySnapshot next = prev.next(clock.instant(), switches, now);
        current = next;
        log.debug("Published {} after {} events", next, batch.size());
        listeners.post(
                new TopologyEvent(
                        next, addedSw, removedSw, addedLinks, removedLinks, updated, batch));
    }

    @Override
    public void addListener(TopologyListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(TopologyListener listener) {
        listeners.remove(listener);
    }
}
