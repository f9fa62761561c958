package org.weft.failover;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.event.ListenerRegistry;
import org.weft.net.failover.FailoverEvent;
import org.weft.net.failover.FailoverListener;
import org.weft.net.failover.FailoverService;
import org.weft.net.failover.FailoverStats;
import org.weft.net.routing.RouteChange;
import org.weft.net.routing.RouteChangeListener;

/**
 * The failover app's account: turns the routing app's re-programmings after losses and recoveries
 * (the restorations and re-optimisations {@link TopologyReactions} asked for) into failover events
 * with timings, a bounded history, counters, and one log line each.
 */
final class FailoverRecord implements FailoverService, RouteChangeListener {

    private static final Logger log = LoggerFactory.getLogger(FailoverRecord.class);

    /** Events kept for {@link #recentEvents()}. */
    static final int HISTORY = 100;

    private final ListenerRegistry<FailoverEvent, FailoverListener> listeners;
    private final Deque<FailoverEvent> history = new ArrayDeque<>();
    private long reroutes;
    private long recoveries;
    private long flowChanges;
    private long lastReactionNanos;
    private long maxReactionNanos;

    FailoverRecord(Executor events) {
        this.listeners = new ListenerRegistry<>(events);
    }

    @Override
    public void event(RouteChange c) {
        FailoverEvent e;
        synchronized (this) {
            flowChanges += c.flowChanges();
            if (c.cause() == RouteChange.Cause.LOSS) {
                reroutes++;
                lastReactionNanos = c.reactionNanos();
                maxReactionNanos = Math.max(maxReactionNanos, c.reactionNanos());
                e = new FailoverEvent(FailoverEvent.Type.REROUTED, c);
            } else {
                recoveries++;
                e = new FailoverEvent(FailoverEvent.Type.RECOVERED, c);
            }
            history.addLast(e);
            while (history.size() > HISTORY) {
                history.removeFirst();
            }
        }
        if (e.type() == FailoverEvent.Type.REROUTED) {
            log.info(
                    "Failover: lost {} link(s) {} and {} switch(es) {}; {} destination(s) re-routed with {} "
                            + "flow change(s); reaction {} ms, healed {} ms after detection",
                    c.linksLost().size(),
                    c.linksLost(),
                    c.switchesLost().size(),
                    c.switchesLost(),
                    c.destinations(),
                    c.flowChanges(),
                    String.format("%.1f", c.reactionNanos() / 1e6),
                    e.healingMillis());
        } else {
            log.info(
                    "Routes re-optimised ({}): {} destination(s), {} flow change(s) in {} ms",
                    c.cause(),
                    c.destinations(),
                    c.flowChanges(),
                    String.format("%.1f", c.reactionNanos() / 1e6));
        }
        listeners.post(e);
    }

    @Override
    public synchronized List<FailoverEvent> recentEvents() {
        return List.copyOf(history);
    }

    @Override
    public synchronized FailoverStats stats() {
        return new FailoverStats(
                reroutes, recoveries, flowChanges, lastReactionNanos, maxReactionNanos);
    }

    @Override
    public void addListener(FailoverListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(FailoverListener listener) {
        listeners.remove(listener);
    }
}
