package org.weft.bench;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.dist.Weft;
import org.weft.net.host.HostService;
import org.weft.net.reconcile.ReconcileStats;
import org.weft.openflow.emulator.EmulatedFabric;

/**
 * An in-process Weft with an emulated fabric connected to it and a listener on its failover events,
 * and the waits a failover run needs.
 *
 * @param links directed links of the intact fabric
 * @param hosts hosts attached to the fabric (routing must have planned routes toward them all)
 * @param quietMillis how long the fabric must stay converged without failover events to count as
 *     settled (longer than routing's recovery hold-down, so a pending re-optimisation shows)
 * @param limit the longest any single wait may take
 */
record FailoverBed(
        Weft weft,
        EmulatedFabric fabric,
        FailoverWatch watch,
        int links,
        int hosts,
        long quietMillis,
        Duration limit) {

    private static final Logger log = LoggerFactory.getLogger(FailoverBed.class);

    /** A long convergence wait logs its progress this often. */
    private static final long PROGRESS_NANOS = 30_000_000_000L;

    /** Comparing every switch's table with the intent is costly on large fabrics: not too often. */
    long compareEveryNanos() {
        return fabric.switches().size() > 100 ? 500_000_000L : 20_000_000L;
    }

    /** How long routing is to have been idle before the tables are compared. */
    long idleBeforeCompareNanos() {
        return fabric.switches().size() > 100 ? 250_000_000L : 0L;
    }

    long deadline() {
        return System.nanoTime() + limit.toNanos();
    }

    /**
     * Every host sends an ARP request for the first host's address, the first host first (so Weft
     * answers the others by proxy ARP instead of flooding them); false if Weft did not know them
     * all by the deadline.
     */
    boolean announce(List<EdgeHost> all, long deadlineNanos) throws InterruptedException {
        EdgeHost first = all.get(0);
        HostService known = weft.core().hostService();
        fabric.injectFromHost(first.at(), first.arpFor(first));
        if (!poll(() -> known.getHostCount() >= 1, deadlineNanos, 5)) {
            return false;
        }
        for (EdgeHost h : all.subList(1, all.size())) {
            fabric.injectFromHost(h.at(), h.arpFor(first));
        }
        return poll(() -> known.getHostCount() == all.size(), deadlineNanos, 5);
    }

    /**
     * Waits until the reconciler has passed every switch at least once (the passes on connect) and
     * has no pass queued or running; false at the deadline.
     */
    boolean awaitConnectPasses(long deadlineNanos) throws InterruptedException {
        int switches = fabric.switches().size();
        return poll(
                () -> {
                    ReconcileStats s = weft.reconciler().stats();
                    return s.passes() >= switches && s.queued() == 0 && s.running() == 0;
                },
                deadlineNanos,
                5);
    }

    /** Passes the reconciler has queued or running now. */
    int passesPending() {
        ReconcileStats s = weft.reconciler().stats();
        return s.queued() + s.running();
    }

    /** Waits until the topology Weft routes on holds every link; false at the deadline. */
    boolean awaitLinks(long deadlineNanos) throws InterruptedException {
        return poll(
                () -> weft.core().topologyService().currentSnapshot().links().size() == links,
                deadlineNanos,
                5);
    }

    /**
     * Waits until routing has routes toward every host, is idle, and the switches hold exactly its
     * intent; gives since when (see {@link IdleSince}), or empty at the deadline. Idleness is
     * polled every 5 ms; the tables are compared once routing has been idle for {@link
     * #idleBeforeCompareNanos}, and at most every {@link #compareEveryNanos}: on a large fabric a
     * comparison takes a second of CPU, which belongs to the bench, not to the routes, and one run
     * while routing is between two steps of its work would only compete with it.
     */
    OptionalLong awaitConverged(long deadlineNanos) throws InterruptedException {
        long[] lastCompare = {System.nanoTime() - compareEveryNanos()};
        long[] lastProgress = {System.nanoTime()};
        IdleSince idle = new IdleSince();
        long[] seenAt = {0};
        boolean converged =
                poll(
                        () -> {
                            long now = System.nanoTime();
                            if (now - lastProgress[0] > PROGRESS_NANOS) {
                                lastProgress[0] = now;
                                log.info(
                                        "Waiting for convergence: routes toward {} of {} hosts,"
                                                + " idle {}",
                                        weft.routing().routedHostCount(),
                                        hosts,
                                        weft.routing().isIdle());
                            }
                            // Counters first: a change issued after the idleness was seen would
                            // otherwise pass unnoticed.
                            long changes = weft.routing().changesIssued();
                            long repairs = weft.reconciler().stats().repairs();
                            if (weft.routing().routedHostCount() < hosts
                                    || !weft.routing().isIdle()) {
                                idle.busy();
                                return false;
                            }
                            idle.seen(now, changes, repairs);
                            if (now - idle.since() < idleBeforeCompareNanos()
                                    || now - lastCompare[0] < compareEveryNanos()) {
                                return false;
                            }
                            lastCompare[0] = now;
                            // Failover events are not checked: routing posts the event of the
                            // work that just went idle while the comparison runs; any new
                            // re-route shows as routing changes.
                            Optional<String> differs =
                                    RouteChecks.difference(weft.routing(), fabric);
                            if (differs.isEmpty()
                                    && weft.routing().isIdle()
                                    && idle.unchanged(
                                            weft.routing().changesIssued(),
                                            weft.reconciler().stats().repairs())) {
                                seenAt[0] = idle.since();
                                log.info(
                                        "Switches hold routing's intent since it went idle, as a"
                                                + " comparison started {} ms later found",
                                        (now - idle.since()) / 1_000_000);
                                return true;
                            }
                            log.debug(
                                    "Not converged yet: {}",
                                    differs.orElse("routing or the reconciler changed a switch"));
                            return false;
                        },
                        deadlineNanos,
                        5);
        return converged ? OptionalLong.of(seenAt[0]) : OptionalLong.empty();
    }

    /**
     * Waits until routing has answered the latest topology loss or recovery (see {@link
     * FailoverWatch#answeredLastChange}), the fabric is converged, and it stays so for {@link
     * #quietMillis} without a failover event; false at the deadline.
     */
    boolean awaitSettled(long deadlineNanos) throws InterruptedException {
        long quietNanos = quietMillis * 1_000_000;
        while (poll(() -> watch.answeredLastChange(quietNanos), deadlineNanos, 20)
                && awaitConverged(deadlineNanos).isPresent()) {
            int mark = watch.mark();
            Thread.sleep(quietMillis);
            if (watch.mark() == mark
                    && watch.answeredLastChange(quietNanos)
                    && RouteChecks.converged(weft.routing(), fabric)) {
                return true;
            }
            log.info("Not settled yet; failover events meanwhile: {}", watch.since(mark));
        }
        return false;
    }

    /** Polls {@code condition} every {@code everyMillis} until it holds (true) or the deadline. */
    static boolean poll(BooleanSupplier condition, long deadlineNanos, long everyMillis)
            throws InterruptedException {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
            Thread.sleep(everyMillis);
        }
        return true;
    }
}
