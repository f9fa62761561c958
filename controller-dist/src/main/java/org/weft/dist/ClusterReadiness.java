package org.weft.dist;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.cluster.SwitchAdmission;
import org.weft.cluster.topology.ZooKeeperTopology;
import org.weft.net.Dpid;
import org.weft.time.TimeSource;

/**
 * Holds a cluster instance back from mastership until it would program a switch as the other
 * instances do. A switch this instance connects to is offered for mastership (and the instance
 * becomes a candidate at all) only once the links and hosts the others shared are loaded, a sharing
 * round that began after the switch was connected here has fed the records attached to it, and
 * routing has planned the routes toward them (idle at two checks in a row, {@value #POLL_MS} ms
 * apart, after that round). An instance given a switch before that would find the routes the
 * switch's old master installed unknown to it, and remove them in its first reconcile pass. After
 * {@code cap} an offer is made anyway, saying so.
 *
 * <p>Offers arrive on any thread; they are checked on the timer thread. They are kept per switch (a
 * reconnect's offer replaces the one before) and at most {@code maxWaiting} of them: an offer for
 * one more switch is dropped and counted in {@link #dropped()} (that switch is not offered here,
 * the other instances may master it).
 */
final class ClusterReadiness implements SwitchAdmission {

    private static final Logger log = LoggerFactory.getLogger(ClusterReadiness.class);
    static final long POLL_MS = 200;

    /** Most switches waiting for their offer, by default. */
    static final int MAX_WAITING = 10_000;

    /** The topology sharing as this needs it. */
    interface Sharing {
        /** The records shared before this instance started are fed. */
        boolean loaded();

        /** Rounds completed so far. */
        long roundsDone();

        /** Queues a round now. */
        void roundNow();
    }

    static Sharing sharing(ZooKeeperTopology topology) {
        return new Sharing() {
            @Override
            public boolean loaded() {
                return topology.loaded();
            }

            @Override
            public long roundsDone() {
                return topology.roundsDone();
            }

            @Override
            public void roundNow() {
                topology.roundNow();
            }
        };
    }

    /** An offer waiting: the candidacy ({@code dpid} null) or one switch. */
    private static final class Waiting {
        final Dpid dpid;
        final Runnable offer;
        final long deadline;
        long roundsMark = -1; // roundsDone when the switch was first seen connected here
        int idleChecks;

        Waiting(Dpid dpid, Runnable offer, long deadline) {
            this.dpid = dpid;
            this.offer = offer;
            this.deadline = deadline;
        }
    }

    private final Sharing sharing;
    private final BooleanSupplier routingIdle;
    private final Predicate<Dpid> connected;
    private final TimeSource time;
    private final Duration cap;
    private final int maxWaiting;
    private final Map<Dpid, Waiting> arriving = new ConcurrentHashMap<>();
    private volatile Waiting candidacy; // until check() takes it
    // The timer thread's only; the candidacy under the key null.
    private final Map<Dpid, Waiting> waiting = new LinkedHashMap<>();
    private final LongAdder dropped = new LongAdder();
    private Future<?> poll;

    /**
     * @param routingIdle whether routing has no planning queued or running now
     * @param connected whether the switch is connected here (in the device service)
     */
    ClusterReadiness(
            Sharing sharing,
            BooleanSupplier routingIdle,
            Predicate<Dpid> connected,
            TimeSource time,
            Duration cap) {
        this(sharing, routingIdle, connected, time, cap, MAX_WAITING);
    }

    /**
     * @param maxWaiting most switches waiting for their offer
     */
    ClusterReadiness(
            Sharing sharing,
            BooleanSupplier routingIdle,
            Predicate<Dpid> connected,
            TimeSource time,
            Duration cap,
            int maxWaiting) {
        this.maxWaiting = maxWaiting;
        this.sharing = checkNotNull(sharing, "sharing");
        this.routingIdle = checkNotNull(routingIdle, "routingIdle");
        this.connected = checkNotNull(connected, "connected");
        this.time = checkNotNull(time, "time");
        this.cap = checkNotNull(cap, "cap");
    }

    /** Starts checking; {@code candidacy} runs once this instance is ready for any switch. */
    synchronized ClusterReadiness start(Runnable candidacy) {
        this.candidacy = new Waiting(null, candidacy, time.nanos() + cap.toNanos());
        poll =
                time.scheduleWithFixedDelay(
                        Duration.ofMillis(POLL_MS), Duration.ofMillis(POLL_MS), this::check);
        return this;
    }

    @Override
    public void admit(Dpid dpid, Runnable offer) {
        checkNotNull(dpid, "dpid");
        Waiting w = new Waiting(dpid, offer, time.nanos() + cap.toNanos());
        // The size is a snapshot: a burst may pass the bound by the number of threads admitting.
        if (!arriving.containsKey(dpid) && arriving.size() >= maxWaiting) {
            drop(dpid);
            return;
        }
        arriving.put(dpid, w);
    }

    private void drop(Dpid dpid) {
        dropped.increment();
        log.warn(
                "Switch {}: not offered for mastership here, {} switches wait already",
                dpid,
                maxWaiting);
    }

    /** Offers dropped since start because {@code maxWaiting} switches waited already. */
    long dropped() {
        return dropped.sum();
    }

    /** One check, on the timer thread: makes every offer whose switch is ready here. */
    void check() {
        Waiting c = candidacy;
        if (c != null) {
            candidacy = null;
            waiting.put(null, c);
        }
        for (Dpid dpid : arriving.keySet()) {
            Waiting w = arriving.remove(dpid);
            if (w == null) {
                continue;
            }
            if (!waiting.containsKey(dpid) && waiting.size() > maxWaiting) { // + the candidacy
                drop(dpid);
                continue;
            }
            waiting.remove(dpid); // a reconnect: its wait starts again, last in line
            waiting.put(dpid, w);
        }
        if (waiting.isEmpty()) {
            return;
        }
        boolean settled = sharing.loaded() && routingIdle.getAsBoolean();
        long rounds = sharing.roundsDone();
        boolean askRound = false;
        int late = 0;
        for (Iterator<Waiting> it = waiting.values().iterator(); it.hasNext(); ) {
            Waiting w = it.next();
            if (w.roundsMark < 0 && (w.dpid == null || connected.test(w.dpid))) {
                w.roundsMark = rounds;
                askRound = true;
            }
            boolean fed = w.roundsMark >= 0 && rounds >= w.roundsMark + 2;
            w.idleChecks = fed && settled ? w.idleChecks + 1 : 0;
            boolean overdue = time.nanos() > w.deadline;
            if (w.idleChecks >= 2 || overdue) {
                if (overdue && w.idleChecks < 2) {
                    late++;
                }
                it.remove();
                if (w.dpid == null) {
                    log.info("Shared links and hosts fed, routes planned: ready for mastership");
                } else {
                    log.debug("Switch {}: its shared state is fed here, offered", w.dpid);
                }
                w.offer.run();
            }
        }
        if (late > 0) {
            log.warn(
                    "{} offer(s) for mastership made unsettled after {} s (shared links and"
                            + " hosts fed, routes planned)",
                    late,
                    cap.toSeconds());
        }
        if (askRound) {
            sharing.roundNow();
        }
    }

    synchronized void stop() {
        if (poll != null) {
            poll.cancel(false);
        }
    }
}
