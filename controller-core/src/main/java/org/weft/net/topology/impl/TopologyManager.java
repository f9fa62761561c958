package org.weft.net.topology.impl;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.event.AbstractEvent;
import org.weft.event.ListenerRegistry;
import org.weft.net.device.DeviceEvent;
import org.weft.net.device.DeviceListener;
import org.weft.net.device.DeviceService;
import org.weft.net.link.LinkEvent;
import org.weft.net.link.LinkListener;
import org.weft.net.link.LinkService;
import org.weft.net.topology.TopologyEvent;
import org.weft.net.topology.TopologyListener;
import org.weft.net.topology.TopologyService;
import org.weft.net.topology.TopologySnapshot;
import org.weft.time.TimeSource;

/**
 * The single writer of the topology. Device and link events open a batch that closes {@code
 * batchWindow} after its first event (a timer of the {@link TimeSource}; later events do not extend
 * it), at once when it holds {@code maxBatchEvents} or a lost link or switch, and after {@link
 * #MEASUREMENT_WINDOW_FACTOR} windows when it holds only latency samples. A closed batch is rebuilt
 * on the writer (batches that closed while a rebuild ran are merged into the next; {@link
 * SnapshotRebuilder}): the snapshot is rebuilt from the device and link services and published with
 * a volatile write when something changed. Readers call {@link #currentSnapshot()} without locks.
 *
 * <p>Bounded: the events waiting for the writer (open and closed batches) are at most {@code
 * maxPendingReasons}. Past that, an event that is neither a loss nor a load change is not kept as a
 * reason (counted in {@link #reasonsDropped()}): a rebuild reads the services' state, so its effect
 * is published all the same, and listeners read only losses (when traffic was lost) and load
 * changes from the reasons. Losses and load changes are always kept; their rate is bounded where
 * they come from (each switch's port-status budget, the links there are, the statistics interval).
 */
public final class TopologyManager implements TopologyService {

    private static final Logger log = LoggerFactory.getLogger(TopologyManager.class);

    /** Default batch window: 20 ms. */
    public static final Duration DEFAULT_BATCH_WINDOW = Duration.ofMillis(20);

    /** A batch of latency samples only waits this many windows (1 s with the default window). */
    public static final int MEASUREMENT_WINDOW_FACTOR = 50;

    /** Default largest batch: 1,000 events. */
    public static final int DEFAULT_MAX_BATCH_EVENTS = 1000;

    /** Default bound on the events waiting for the writer: 65,536. */
    public static final int DEFAULT_MAX_PENDING_REASONS = 1 << 16;

    private final DeviceService devices;
    private final LinkService links;
    private final ListenerRegistry<TopologyEvent, TopologyListener> listeners;
    private final TimeSource time;
    private final Executor writer;
    private final ExecutorService ownWriter;
    private final long batchWindowNanos;
    private final int maxBatchEvents;
    private final int maxPendingReasons;
    private final AtomicLong reasonsDropped = new AtomicLong();

    /** Events in the open and closed batches, not yet taken by the writer (guarded by this). */
    private int pendingReasons;

    private final DeviceListener deviceListener = this::onEvent;
    private final LinkListener linkListener = this::onEvent;
    private final AtomicLong batches = new AtomicLong();
    private final Object rebuildLock = new Object();
    private final SnapshotRebuilder rebuilder;

    /** The open batch, its state and its closing timer (guarded by {@code this}). */
    private List<AbstractEvent<?, ?>> open = new ArrayList<>();

    private boolean measurementsOnly;
    private long deadline;
    private Future<?> closer;
    private long timerGeneration;

    /** Batches closed and waiting for the writer (guarded by {@code this}). */
    private final ArrayDeque<List<AbstractEvent<?, ?>>> closed = new ArrayDeque<>();

    /**
     * Whether a writer task is queued or running that will publish every closed batch (guarded by
     * {@code this}): batches that close meanwhile join it instead of queuing a task each.
     */
    private boolean publishQueued;

    /** A manager whose rebuilds run on a thread of its own ("weft-topology"). */
    public TopologyManager(
            DeviceService devices,
            LinkService links,
            Executor events,
            TimeSource time,
            Duration batchWindow,
            int maxBatchEvents) {
        this(devices, links, events, null, time, batchWindow, maxBatchEvents);
    }

    /**
     * @param events where listeners run (a single thread)
     * @param writer where batches are rebuilt, one at a time (tests: {@code Runnable::run}, so a
     *     batch is published by the {@link TimeSource} advance or the event that closed it); null
     *     for a thread of its own
     */
    public TopologyManager(
            DeviceService devices,
            LinkService links,
            Executor events,
            Executor writer,
            TimeSource time,
            Duration batchWindow,
            int maxBatchEvents) {
        this(
                devices,
                links,
                events,
                writer,
                time,
                batchWindow,
                maxBatchEvents,
                DEFAULT_MAX_PENDING_REASONS);
    }

    /** As above, with at most {@code maxPendingReasons} events kept for the writer (tests). */
    TopologyManager(
            DeviceService devices,
            LinkService links,
            Executor events,
            Executor writer,
            TimeSource time,
            Duration batchWindow,
            int maxBatchEvents,
            int maxPendingReasons) {
        checkArgument(!batchWindow.isNegative(), "batch window must not be negative");
        checkArgument(maxBatchEvents >= 1, "a batch holds at least one event");
        checkArgument(maxPendingReasons >= 1, "at least one event is kept");
        this.devices = checkNotNull(devices, "devices");
        this.links = checkNotNull(links, "links");
        this.listeners = new ListenerRegistry<>(events);
        this.rebuilder = new SnapshotRebuilder(devices, links, listeners, time);
        this.time = checkNotNull(time, "time");
        this.ownWriter =
                writer != null
                        ? null
                        : Executors.newSingleThreadExecutor(
                                new ThreadFactoryBuilder()
                                        .setNameFormat("weft-topology")
                                        .setDaemon(true)
                                        .build());
        this.writer = writer != null ? writer : ownWriter;
        this.batchWindowNanos = batchWindow.toNanos();
        this.maxBatchEvents = maxBatchEvents;
        this.maxPendingReasons = maxPendingReasons;
    }

    /** Builds the first snapshot from what is known now and starts following events. */
    public void start() {
        devices.addListener(deviceListener);
        links.addListener(linkListener);
        rebuildSafely(List.of());
        log.info("Started");
    }

    /** Stops following events; the open batch is published first. */
    public void stop() {
        devices.removeListener(deviceListener);
        links.removeListener(linkListener);
        synchronized (this) {
            close();
        }
        publishClosed();
        if (ownWriter != null
                && !MoreExecutors.shutdownAndAwaitTermination(ownWriter, Duration.ofSeconds(2))) {
            log.warn("Topology rebuild still running after 2 s at shutdown");
        }
        log.info("Stopped");
    }

    @Override
    public TopologySnapshot currentSnapshot() {
        return rebuilder.current();
    }

    /** How many batches the writer has processed (a batch publishes at most one snapshot). */
    public long batchCount() {
        return batches.get();
    }

    @Override
    public long reasonsDropped() {
        return reasonsDropped.get();
    }

    private void onEvent(AbstractEvent<?, ?> e) {
        boolean closedOne = false;
        synchronized (this) {
            // At the bound a batch is open or waiting for the writer, so a rebuild that reads the
            // services after this event's change is still to come.
            if (pendingReasons >= maxPendingReasons && !alwaysKept(e)) {
                reasonsDropped.incrementAndGet();
                return;
            }
            pendingReasons++;
            open.add(e);
            long now = time.nanos();
            if (open.size() == 1) {
                measurementsOnly = isMeasurement(e);
                startTimer(now, measurementsOnly ? measurementWindowNanos() : batchWindowNanos);
            } else if (measurementsOnly && !isMeasurement(e)) {
                // Something other than a latency sample: back to the normal window.
                measurementsOnly = false;
                if (now + batchWindowNanos < deadline) {
                    startTimer(now, batchWindowNanos);
                }
            }
            if (isLoss(e) || open.size() >= maxBatchEvents) {
                closedOne = close();
            }
        }
        if (closedOne) {
            publishLater();
        }
    }

    private void publishLater() {
        synchronized (this) {
            if (publishQueued) {
                return;
            }
            publishQueued = true;
        }
        try {
            writer.execute(this::publishClosed);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                publishQueued = false;
            }
            log.debug("Topology stopped; batch not published", e);
        }
    }

    private long measurementWindowNanos() {
        return MEASUREMENT_WINDOW_FACTOR * batchWindowNanos;
    }

    /** (Re)sets the timer that closes the open batch {@code windowNanos} from now (lock held). */
    private void startTimer(long now, long windowNanos) {
        if (closer != null) {
            closer.cancel(false);
        }
        deadline = now + windowNanos;
        long generation = ++timerGeneration;
        closer = time.schedule(Duration.ofNanos(windowNanos), () -> windowEnded(generation));
    }

    private void windowEnded(long generation) {
        synchronized (this) {
            // A timer cancelled too late (its batch closed early, or its window was shortened).
            if (generation != timerGeneration || !close()) {
                return;
            }
        }
        publishLater();
    }

    /** Closes the open batch, if any, for the writer (lock held); true if there was one. */
    private boolean close() {
        if (closer != null) {
            closer.cancel(false);
            closer = null;
        }
        ++timerGeneration;
        if (open.isEmpty()) {
            return false;
        }
        closed.add(open);
        open = new ArrayList<>();
        return true;
    }

    /**
     * Rebuilds once for every batch closed so far (on the writer, or at stop): a rebuild reads the
     * services' state as it is now, so batches that closed while the last one was rebuilt are
     * merged into one rebuild with all their events as reasons, in order, instead of one rebuild
     * each. Lock order: {@code rebuildLock}, then {@code this}.
     */
    private void publishClosed() {
        synchronized (rebuildLock) {
            while (true) {
                List<AbstractEvent<?, ?>> batch;
                synchronized (this) {
                    if (closed.isEmpty()) {
                        publishQueued = false;
                        return;
                    }
                    batch = closed.size() == 1 ? closed.poll() : drainClosed();
                    pendingReasons -= batch.size();
                }
                rebuildSafely(batch);
            }
        }
    }

    /** Every closed batch as one, in order (lock held). */
    private List<AbstractEvent<?, ?>> drainClosed() {
        List<AbstractEvent<?, ?>> all = new ArrayList<>();
        for (List<AbstractEvent<?, ?>> b = closed.poll(); b != null; b = closed.poll()) {
            all.addAll(b);
        }
        return all;
    }

    /**
     * A latency sample that moved a link's estimate: nothing routing must hear of quickly, and on a
     * large fabric they come all the time, each costing a snapshot; a batch of only these waits
     * {@link #MEASUREMENT_WINDOW_FACTOR} windows.
     */
    static boolean isMeasurement(AbstractEvent<?, ?> e) {
        return e instanceof LinkEvent le
                && le.type() == LinkEvent.Type.UPDATED
                && le.reason() == LinkEvent.Reason.MEASURED;
    }

    /** A loss or a load change: what listeners read from the reasons, never dropped. */
    private static boolean alwaysKept(AbstractEvent<?, ?> e) {
        return TopologyEvent.isLoss(e)
                || (e instanceof LinkEvent le && le.reason() == LinkEvent.Reason.LOAD);
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
            synchronized (rebuildLock) {
                batches.incrementAndGet();
                rebuilder.rebuild(batch);
            }
        } catch (RuntimeException e) {
            log.error("Could not rebuild the topology after {} events", batch.size(), e);
        }
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
