package org.weft.dist;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
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
 * <p>Offers arrive on any thread; they are checked on the timer thread.
 */
final class ClusterReadiness implements SwitchAdmission {

    private static final Logger log = LoggerFactory.getLogger(ClusterReadiness.class);
    static final long POLL_MS = 200;

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
    private final Queue<Waiting> arriving = new ConcurrentLinkedQueue<>();
    private final List<Waiting> waiting = new ArrayList<>(); // the timer thread's only
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
        this.sharing = checkNotNull(sharing, "sharing");
        this.routingIdle = checkNotNull(routingIdle, "routingIdle");
        this.connected = checkNotNull(connected, "connected");
        this.time = checkNotNull(time, "time");
        this.cap = checkNotNull(cap, "cap");
    }

    /** Starts checking; {@code candidacy} runs once this instance is ready for any switch. */
    synchronized ClusterReadiness start(Runnable candidacy) {
        arriving.add(new Waiting(null, candidacy, time.nanos() + cap.toNanos()));
        poll =
                time.scheduleWithFixedDelay(
                        Duration.ofMillis(POLL_MS), Duration.ofMillis(POLL_MS), this::check);
        return this;
    }

    @Override
    public void admit(Dpid dpid, Runnable offer) {
        arriving.add(new Waiting(checkNotNull(dpid), offer, time.nanos() + cap.toNanos()));
    }

    /** One check, on the timer thread: makes every offer whose switch is ready here. */
    void check() {
        for (Waiting w; (w = arriving.poll()) != null; ) {
            waiting.add(w);
        }
        if (waiting.isEmpty()) {
            return;
        }
        boolean settled = sharing.loaded() && routingIdle.getAsBoolean();
        long rounds = sharing.roundsDone();
        boolean askRound = false;
        int late = 0;
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
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
