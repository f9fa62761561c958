package org.weft.cluster.topology;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.cluster.MastershipListener;
import org.weft.net.cluster.MastershipService;
import org.weft.net.device.DeviceEvent;
import org.weft.net.device.DeviceListener;
import org.weft.net.device.DeviceService;
import org.weft.net.host.HostListener;
import org.weft.net.host.impl.HostTracker;
import org.weft.net.link.LinkListener;
import org.weft.net.link.impl.LinkManager;
import org.weft.time.TimeSource;
import org.weft.util.LogThrottle;

/**
 * The cluster-wide topology over ZooKeeper: links under {@code /weft/links} ({@link LinkSharing}),
 * hosts under {@code /weft/hosts} ({@link HostSharing}). Link and host events, record changes,
 * mastership changes and the periodic rounds all run on one thread of its own, behind a bounded
 * queue: work over the bound is dropped and counted (the next round repairs what it missed).
 * Closing it writes nothing: a stopping instance leaves its records to the switches' next masters.
 */
public final class ZooKeeperTopology implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperTopology.class);

    /** Most pieces of work waiting for the sharing's thread. */
    static final int MAX_QUEUED = 10_000;

    static final String LINKS = "/weft/links";
    static final String HOSTS = "/weft/hosts";

    /**
     * What the sharing did since start.
     *
     * @param writes records created or replaced
     * @param deletes records deleted
     * @param writeFailures writes and deletes not made (ZooKeeper unreachable, or an error)
     * @param unreadable records that could not be read (skipped)
     * @param dropped pieces of work dropped because the queue was full
     */
    public record Counters(
            long writes, long deletes, long writeFailures, long unreadable, long dropped) {}

    private final java.util.concurrent.atomic.AtomicInteger recordSetsLoaded =
            new java.util.concurrent.atomic.AtomicInteger();
    private final ZkRecords<LinkRecord> linkRecords;
    private final ZkRecords<HostRecord> hostRecords;
    private final LinkSharing linkSharing;
    private final HostSharing hostSharing;
    private final LinkManager links;
    private final HostTracker hosts;
    private final MastershipService mastership;
    private final TimeSource time;
    private final Duration interval;
    private final ThreadPoolExecutor work;
    private final LongAdder dropped = new LongAdder();
    private final AtomicBoolean roundQueued = new AtomicBoolean();
    private final AtomicLong roundsDone = new AtomicLong();
    private final LogThrottle failures = LogThrottle.every(Duration.ofMinutes(1));
    private final LinkListener linkListener;
    private final HostListener hostListener;
    private final MastershipListener mastershipListener;
    private final DeviceListener deviceListener;
    private final DeviceService devices;
    private Future<?> rounds;

    /**
     * @param interval how often a round runs (the LLDP interval: remote links are seen again each
     *     round)
     * @param linkTimeout how long a link into a switch this instance masters may go unconfirmed by
     *     its own LLDP
     */
    public ZooKeeperTopology(
            CuratorFramework client,
            String nodeId,
            LinkManager links,
            HostTracker hosts,
            DeviceService devices,
            MastershipService mastership,
            TimeSource time,
            Duration interval,
            Duration linkTimeout) {
        this.links = checkNotNull(links, "links");
        this.hosts = checkNotNull(hosts, "hosts");
        this.mastership = checkNotNull(mastership, "mastership");
        this.devices = checkNotNull(devices, "devices");
        this.time = checkNotNull(time, "time");
        this.interval = checkNotNull(interval, "interval");
        this.linkRecords = new ZkRecords<>(client, LINKS, LinkRecord.class);
        this.hostRecords = new ZkRecords<>(client, HOSTS, HostRecord.class);
        this.linkSharing =
                new LinkSharing(nodeId, links, devices, mastership, linkRecords, time, linkTimeout);
        this.hostSharing =
                new HostSharing(nodeId, hosts, devices, links, mastership, hostRecords, time);
        this.work =
                new ThreadPoolExecutor(
                        1,
                        1,
                        0,
                        TimeUnit.MILLISECONDS,
                        new ArrayBlockingQueue<>(MAX_QUEUED),
                        r -> {
                            Thread t = new Thread(r, "weft-topology-share");
                            t.setDaemon(true);
                            return t;
                        });
        this.linkListener = e -> submit(() -> linkSharing.linkEvent(e));
        this.hostListener = e -> submit(() -> hostSharing.hostEvent(e));
        this.mastershipListener = e -> requestRound();
        // A switch or port that comes up here makes the records attached to it usable: fed at once
        // rather than on the next periodic round.
        this.deviceListener =
                e -> {
                    if (e.type() == DeviceEvent.Type.DEVICE_CONNECTED
                            || e.type() == DeviceEvent.Type.PORT_ADDED
                            || e.type() == DeviceEvent.Type.PORT_UPDATED) {
                        requestRound();
                    }
                };
    }

    /** Reads the shared records, starts publishing and feeding, and the periodic rounds. */
    public synchronized ZooKeeperTopology start() {
        linkRecords.start(
                r -> submit(() -> linkSharing.recordChanged(r)),
                r -> submit(() -> linkSharing.recordRemoved(r)),
                () -> submit(this::oneLoaded));
        hostRecords.start(
                r -> submit(() -> hostSharing.recordChanged(r)),
                r -> submit(() -> hostSharing.recordRemoved(r)),
                () -> submit(this::oneLoaded));
        links.addListener(linkListener);
        hosts.addListener(hostListener);
        mastership.addListener(mastershipListener);
        devices.addListener(deviceListener);
        rounds = time.scheduleWithFixedDelay(interval, interval, this::requestRound);
        log.info(
                "Sharing links and hosts through ZooKeeper, a round every {} ms",
                interval.toMillis());
        return this;
    }

    /** Queues one round; requests while one is queued fold into it (a burst of role changes). */
    private void requestRound() {
        if (roundQueued.compareAndSet(false, true)
                && !submit(
                        () -> {
                            roundQueued.set(false);
                            linkSharing.round();
                            hostSharing.round();
                            roundsDone.incrementAndGet();
                        })) {
            roundQueued.set(false); // not queued: the next request tries again
        }
    }

    /** Queues the task; false when it was dropped (closed, or the queue is full). */
    private boolean submit(Runnable task) {
        try {
            work.execute(() -> runLogged(task));
            return true;
        } catch (RejectedExecutionException e) {
            if (work.isShutdown()) {
                log.debug("Topology sharing closed; work dropped", e);
            } else {
                dropped.increment(); // the queue is full; the next round repairs
            }
            return false;
        }
    }

    /** A failure is logged rarely; the next round tries again. */
    private void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            long left = failures.admit();
            if (left >= 0) {
                log.error("Topology sharing failed ({} more since the last line)", left, e);
            }
        }
    }

    /** On the work thread, after the records a cache found at start were fed. */
    private void oneLoaded() {
        if (recordSetsLoaded.incrementAndGet() == 2) {
            log.info("Shared links and hosts loaded");
        }
    }

    /**
     * Whether the links and hosts other instances shared before this one started are fed into this
     * instance's services (so its plans cover them).
     */
    public boolean loaded() {
        return recordSetsLoaded.get() >= 2;
    }

    /**
     * How many rounds have completed: once this count has grown by two, a round began after the
     * moment it was read, so the records attached to a switch connected by then are fed.
     */
    public long roundsDone() {
        return roundsDone.get();
    }

    /** Queues a round now (the periodic ones go on). */
    public void roundNow() {
        requestRound();
    }

    public Counters counters() {
        return new Counters(
                linkRecords.writes() + hostRecords.writes(),
                linkRecords.deletes() + hostRecords.deletes(),
                linkRecords.failures() + hostRecords.failures(),
                linkRecords.unreadable() + hostRecords.unreadable(),
                dropped.sum());
    }

    /** Stops sharing; deletes nothing (the records outlive this instance). */
    @Override
    public synchronized void close() {
        if (rounds != null) {
            rounds.cancel(false);
            rounds = null;
        }
        links.removeListener(linkListener);
        hosts.removeListener(hostListener);
        mastership.removeListener(mastershipListener);
        devices.removeListener(deviceListener);
        work.shutdownNow();
        try {
            if (!work.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("Topology sharing still busy 2 s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        linkRecords.close();
        hostRecords.close();
    }
}
