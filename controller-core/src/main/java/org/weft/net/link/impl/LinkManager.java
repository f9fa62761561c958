package org.weft.net.link.impl;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.event.ListenerRegistry;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.PortNumber;
import org.weft.net.device.DeviceEvent;
import org.weft.net.device.DeviceListener;
import org.weft.net.link.LinkAdminService;
import org.weft.net.link.LinkEvent;
import org.weft.net.link.LinkEvent.Reason;
import org.weft.net.link.LinkListener;
import org.weft.net.link.LinkService;
import org.weft.net.topology.LinkInfo;
import org.weft.time.TimeSource;

/**
 * Holds the links discovery reports, expires those not seen for a while, drops those whose port or
 * switch went away, and posts {@link LinkEvent}s. "No change, no event": an event is posted only
 * when a link appears, vanishes, or its attributes change noticeably.
 */
public final class LinkManager implements LinkService, LinkAdminService, DeviceListener {

    private static final Logger log = LoggerFactory.getLogger(LinkManager.class);

    /** Latency changes smaller than this fraction of the last announced value are not announced. */
    private static final double LATENCY_CHANGE_FRACTION = 0.1;

    /**
     * Latency changes smaller than this (ns) are never announced: below a millisecond, a change is
     * mostly scheduling noise, and each announcement costs a new topology snapshot.
     */
    private static final long LATENCY_CHANGE_FLOOR_NANOS = 1_000_000;

    private record State(LinkInfo info, long lastSeenNanos, long announcedLatencyNanos) {}

    private final Map<Link, State> links = new ConcurrentHashMap<>();
    private final Map<Link, Double> adminWeights = new ConcurrentHashMap<>();
    private final Map<Link, Long> capacityOverrides = new ConcurrentHashMap<>();
    private final Set<ConnectPoint> infrastructure = ConcurrentHashMap.newKeySet();

    private final LinksBySwitch bySwitch = new LinksBySwitch();
    private final ListenerRegistry<LinkEvent, LinkListener> listeners;
    private final TimeSource time;
    private final long timeoutNanos;

    /**
     * @param events where listeners run (a single thread)
     * @param time when links were last seen, and the time of their events
     * @param timeout a link not seen for longer than this is removed by {@link #expire()}
     */
    public LinkManager(Executor events, TimeSource time, Duration timeout) {
        checkArgument(timeout.toNanos() > 0, "link timeout must be positive");
        this.listeners = new ListenerRegistry<>(events);
        this.time = checkNotNull(time, "time");
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * Records that LLDP showed the link now.
     *
     * @param latencySampleNanos one latency sample, or {@link LinkInfo#UNKNOWN_LATENCY}
     * @param capacityMbps the lower speed of the two ports, 0 when unknown
     */
    public void linkSeen(Link link, long latencySampleNanos, long capacityMbps) {
        long now = time.nanos();
        long nowMillis = time.millis();
        LinkEvent[] event = new LinkEvent[1];
        links.compute(
                link,
                (l, old) -> {
                    if (old == null) {
                        // In the key's compute, so a removal of the same link cannot interleave.
                        bySwitch.add(l);
                        LinkInfo info =
                                new LinkInfo(
                                        Math.max(LinkInfo.UNKNOWN_LATENCY, latencySampleNanos),
                                        capacityOverrides.getOrDefault(l, capacityMbps),
                                        adminWeights.getOrDefault(
                                                l, LinkInfo.DEFAULT_ADMIN_WEIGHT));
                        event[0] =
                                new LinkEvent(
                                        LinkEvent.Type.ADDED,
                                        l,
                                        info,
                                        Reason.DISCOVERED,
                                        nowMillis);
                        return new State(info, now, info.latencyNanos());
                    }
                    LinkInfo info =
                            old.info()
                                    .withLatencyNanos(smooth(old.info(), latencySampleNanos))
                                    .withCapacityMbps(
                                            capacityOverrides.getOrDefault(l, capacityMbps));
                    long announced = old.announcedLatencyNanos();
                    if (info.capacityMbps() != old.info().capacityMbps()
                            || noticeable(announced, info.latencyNanos())) {
                        event[0] =
                                new LinkEvent(
                                        LinkEvent.Type.UPDATED,
                                        l,
                                        info,
                                        Reason.MEASURED,
                                        nowMillis);
                        announced = info.latencyNanos();
                    }
                    return new State(info, now, announced);
                });
        if (event[0] != null) {
            if (event[0].type() == LinkEvent.Type.ADDED) {
                infrastructure.add(link.src());
                infrastructure.add(link.dst());
                log.debug("Link {} added", link);
            }
            listeners.post(event[0]);
        }
    }

    /**
     * An asymmetric EWMA: a sample below the estimate weighs 1/2, one above it 1/16. Noise on a
     * latency sample (queueing, thread scheduling in the switch or the controller) only ever adds,
     * so the estimate follows the floor quickly and rises only when higher samples persist. Unknown
     * samples leave the estimate alone.
     */
    static long smooth(LinkInfo old, long sample) {
        if (sample < 0) {
            return old.latencyNanos();
        }
        long prev = old.latencyNanos();
        if (prev < 0) {
            return sample;
        }
        long diff = sample - prev;
        return prev + (diff < 0 ? diff / 2 : diff / 16);
    }

    private static boolean noticeable(long announced, long now) {
        if (now < 0) {
            return false;
        }
        if (announced < 0) {
            return true;
        }
        long delta = Math.abs(now - announced);
        return delta > LATENCY_CHANGE_FLOOR_NANOS && delta > announced * LATENCY_CHANGE_FRACTION;
    }

    /** Removes links not seen within the timeout; returns how many. */
    public int expire() {
        long now = time.nanos();
        return removeStale(s -> now - s.lastSeenNanos() > timeoutNanos);
    }

    /** Removes every link leaving or entering the port. */
    public int removeLinksAt(ConnectPoint point, Reason reason) {
        return removeWhere(
                bySwitch.touching(point.dpid()),
                link -> link.src().equals(point) || link.dst().equals(point),
                reason);
    }

    /**
     * Removes one link (in a cluster: its owner removed it from the shared topology); returns
     * whether it was known.
     */
    public boolean removeLink(Link link, Reason reason) {
        State s = drop(link, null);
        if (s == null) {
            return false;
        }
        removed(link, s, reason);
        return true;
    }

    private int removeStale(Predicate<State> which) {
        List<Link> gone = new ArrayList<>();
        links.forEach(
                (l, s) -> {
                    if (which.test(s)) {
                        gone.add(l);
                    }
                });
        List<Link> dropped = new ArrayList<>();
        List<State> states = new ArrayList<>();
        for (Link l : gone) {
            State s = links.get(l);
            if (s != null && which.test(s) && drop(l, s) != null) {
                dropped.add(l);
                states.add(s);
            }
        }
        for (int i = 0; i < dropped.size(); i++) {
            removed(dropped.get(i), states.get(i), Reason.TIMEOUT);
        }
        return dropped.size();
    }

    /**
     * Drops every matching link, then announces each: a listener (the topology's writer, on its own
     * thread) that reads the links on the first event sees them all gone, so a cable's two
     * directions lost to one port going down make one topology change, not two.
     */
    private int removeWhere(List<Link> candidates, Predicate<Link> which, Reason reason) {
        List<Link> gone = new ArrayList<>();
        List<State> states = new ArrayList<>();
        for (Link l : candidates) {
            if (which.test(l)) {
                State s = drop(l, null);
                if (s != null) {
                    gone.add(l);
                    states.add(s);
                }
            }
        }
        for (int i = 0; i < gone.size(); i++) {
            removed(gone.get(i), states.get(i), reason);
        }
        return gone.size();
    }

    /**
     * Removes the link (only if its state is {@code expected}, when given) and its index entries,
     * in the key's compute; returns the state removed, null when none.
     */
    private State drop(Link link, State expected) {
        State[] dropped = {null};
        links.computeIfPresent(
                link,
                (l, s) -> {
                    if (expected != null && s != expected) {
                        return s;
                    }
                    bySwitch.remove(l);
                    dropped[0] = s;
                    return null;
                });
        return dropped[0];
    }

    private void removed(Link link, State state, Reason reason) {
        for (ConnectPoint p : List.of(link.src(), link.dst())) {
            if (bySwitch.touching(p.dpid()).stream()
                    .noneMatch(l -> l.src().equals(p) || l.dst().equals(p))) {
                infrastructure.remove(p);
            }
        }
        log.debug("Link {} removed: {}", link, reason);
        listeners.post(
                new LinkEvent(LinkEvent.Type.REMOVED, link, state.info(), reason, time.millis()));
    }

    @Override
    public void event(DeviceEvent event) {
        switch (event.type()) {
            case DEVICE_DISCONNECTED -> {
                var dpid = event.subject().dpid();
                removeWhere(
                        bySwitch.touching(dpid),
                        l -> l.srcDpid().equals(dpid) || l.dstDpid().equals(dpid),
                        Reason.DEVICE_DISCONNECTED);
            }
            case PORT_REMOVED -> event.port().ifPresent(p -> portDown(event, p.number()));
            case PORT_UPDATED ->
                    event.port()
                            .filter(p -> !p.isLive())
                            .ifPresent(p -> portDown(event, p.number()));
            default -> {}
        }
    }

    private void portDown(DeviceEvent event, PortNumber port) {
        removeLinksAt(ConnectPoint.of(event.subject().dpid(), port), Reason.PORT_DOWN);
    }

    @Override
    public Map<Link, LinkInfo> getLinks() {
        ImmutableMap.Builder<Link, LinkInfo> b = ImmutableMap.builder();
        links.forEach((l, s) -> b.put(l, s.info()));
        return b.buildKeepingLast();
    }

    @Override
    public Map<Link, LinkInfo> getLinksFrom(Dpid dpid) {
        ImmutableMap.Builder<Link, LinkInfo> b = ImmutableMap.builder();
        for (Link l : bySwitch.touching(dpid)) {
            State s = links.get(l);
            if (s != null && l.srcDpid().equals(dpid)) {
                b.put(l, s.info());
            }
        }
        return b.buildKeepingLast();
    }

    @Override
    public Optional<LinkInfo> getLinkInfo(Link link) {
        State s = links.get(link);
        return s == null ? Optional.empty() : Optional.of(s.info());
    }

    @Override
    public int getLinkCount() {
        return links.size();
    }

    @Override
    public Set<Link> getLinks(ConnectPoint point) {
        if (!infrastructure.contains(point)) {
            return ImmutableSet.of();
        }
        return bySwitch.touching(point.dpid()).stream()
                .filter(l -> l.src().equals(point) || l.dst().equals(point))
                .collect(ImmutableSet.toImmutableSet());
    }

    @Override
    public boolean isInfrastructure(ConnectPoint point) {
        return infrastructure.contains(point);
    }

    @Override
    public void setAdminWeight(Link link, double weight) {
        checkNotNull(link, "link");
        checkArgument(!Double.isNaN(weight) && weight >= 0, "admin weight must be >= 0");
        adminWeights.put(link, weight);
        applyWeight(link, weight);
    }

    @Override
    public void clearAdminWeight(Link link) {
        adminWeights.remove(link);
        applyWeight(link, LinkInfo.DEFAULT_ADMIN_WEIGHT);
    }

    private void applyWeight(Link link, double weight) {
        update(link, i -> i.withAdminWeight(weight), Reason.ADMIN);
    }

    @Override
    public void setCapacityOverride(Link link, long capacityMbps) {
        checkNotNull(link, "link");
        checkArgument(capacityMbps > 0, "capacity must be > 0 Mbit/s");
        capacityOverrides.put(link, capacityMbps);
        update(link, i -> i.withCapacityMbps(capacityMbps), Reason.ADMIN);
    }

    @Override
    public void clearCapacityOverride(Link link) {
        if (capacityOverrides.remove(link) != null) {
            // Back to the port speeds at the link's next LLDP round; unknown until then.
            update(link, i -> i.withCapacityMbps(LinkInfo.UNKNOWN_CAPACITY), Reason.ADMIN);
        }
    }

    /**
     * Sets the damped utilisation routing weighs the link with (the statistics collector's
     * re-weighting calls it, only on a sustained change): posts an UPDATED event with reason LOAD.
     * A link not known now is ignored.
     */
    public void setUtilisation(Link link, double utilisation) {
        checkArgument(
                utilisation >= 0 && utilisation < Double.POSITIVE_INFINITY,
                "utilisation must be a finite number >= 0");
        update(link, i -> i.withUtilisation(utilisation), Reason.LOAD);
    }

    private void update(Link link, UnaryOperator<LinkInfo> change, Reason reason) {
        State s =
                links.computeIfPresent(
                        link,
                        (l, old) ->
                                new State(
                                        change.apply(old.info()),
                                        old.lastSeenNanos(),
                                        old.announcedLatencyNanos()));
        if (s != null) {
            listeners.post(
                    new LinkEvent(LinkEvent.Type.UPDATED, link, s.info(), reason, time.millis()));
        }
    }

    @Override
    public void addListener(LinkListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(LinkListener listener) {
        listeners.remove(listener);
    }
}
