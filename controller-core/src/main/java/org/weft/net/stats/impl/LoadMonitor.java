package org.weft.net.stats.impl;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.EvictingQueue;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.weft.event.ListenerRegistry;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.PortNumber;
import org.weft.net.link.LinkService;
import org.weft.net.stats.LinkLoad;
import org.weft.net.stats.LoadEvent;
import org.weft.net.stats.LoadListener;
import org.weft.net.stats.LoadService;
import org.weft.net.stats.PortRate;
import org.weft.net.stats.PortStatistics;
import org.weft.time.TimeSource;

/**
 * Keeps the rates of every port and the load of every link from the port statistics the {@link
 * StatsCollector} hands it, a bounded history per link, and which links are hot: a link becomes hot
 * when its utilisation reaches {@code hotThreshold} and cools when it falls below {@code
 * coolThreshold} (hysteresis), each crossing a {@link LoadEvent}. A rate older than {@code
 * staleAfter} (its switch stopped answering) is no longer shown. Thread-safe.
 */
public final class LoadMonitor implements LoadService {

    /**
     * What the monitor needs of the configuration.
     *
     * @param hotThreshold utilisation at which a link becomes hot
     * @param coolThreshold utilisation below which a hot link cools (at most {@code hotThreshold})
     * @param historySize loads kept per link
     * @param staleAfterMillis a rate older than this is dropped from answers
     */
    public record Settings(
            double hotThreshold, double coolThreshold, int historySize, long staleAfterMillis) {
        public Settings {
            checkArgument(hotThreshold > 0, "hot threshold must be > 0");
            checkArgument(
                    coolThreshold >= 0 && coolThreshold <= hotThreshold,
                    "cool threshold must be from 0 to the hot threshold");
            checkArgument(historySize >= 2, "history must keep at least 2 loads");
            checkArgument(staleAfterMillis > 0, "staleness must be positive");
        }
    }

    private final LinkService links;
    private final TimeSource time;
    private final Settings settings;
    private final ListenerRegistry<LoadEvent, LoadListener> listeners;
    private final Map<ConnectPoint, PortRateMeter> meters = new HashMap<>();
    private final Map<ConnectPoint, PortRate> rates = new HashMap<>();
    private final Map<Link, EvictingQueue<LinkLoad>> histories = new HashMap<>();
    private final Set<Link> hot = new HashSet<>();

    /**
     * @param events where load listeners run
     */
    public LoadMonitor(LinkService links, Executor events, TimeSource time, Settings settings) {
        this.links = checkNotNull(links, "links");
        this.time = checkNotNull(time, "time");
        this.settings = checkNotNull(settings, "settings");
        this.listeners = new ListenerRegistry<>(events);
    }

    /** The switch answered port statistics at the current time. */
    public void portsSampled(Dpid dpid, List<PortStatistics> ports) {
        long nanos = time.nanos();
        long millis = time.millis();
        List<LoadEvent> events;
        synchronized (this) {
            for (PortStatistics s : ports) {
                if (s.port().isReserved()) {
                    continue; // LOCAL carries no link
                }
                ConnectPoint p = ConnectPoint.of(dpid, s.port());
                Optional<PortRate> r =
                        meters.computeIfAbsent(p, PortRateMeter::new).sample(s, nanos, millis);
                if (r.isPresent()) {
                    rates.put(p, r.get());
                } else {
                    rates.remove(p); // first sample or a reset: no rate until the next one
                }
            }
            events = linksFrom(dpid);
        }
        events.forEach(listeners::post);
    }

    /** Loads of the links leaving the switch; the crossings of the hot threshold. */
    private List<LoadEvent> linksFrom(Dpid dpid) {
        ImmutableList.Builder<LoadEvent> events = ImmutableList.builder();
        for (var e : links.getLinksFrom(dpid).entrySet()) {
            Link l = e.getKey();
            PortRate r = rates.get(l.src());
            if (r == null) {
                continue;
            }
            LinkLoad load =
                    new LinkLoad(l, r.txBitsPerSecond(), e.getValue().capacityMbps(), r.atMillis());
            histories
                    .computeIfAbsent(l, x -> EvictingQueue.create(settings.historySize()))
                    .add(load);
            OptionalDouble u = load.utilisation();
            if (u.isEmpty()) {
                continue;
            }
            if (u.getAsDouble() >= settings.hotThreshold() && hot.add(l)) {
                events.add(new LoadEvent(LoadEvent.Type.HOT, load));
            } else if (u.getAsDouble() < settings.coolThreshold() && hot.remove(l)) {
                events.add(new LoadEvent(LoadEvent.Type.COOLED, load));
            }
        }
        return events.build();
    }

    /** The switch is gone: its ports' baselines, rates and links' loads are forgotten. */
    public synchronized void switchGone(Dpid dpid) {
        meters.keySet().removeIf(p -> p.dpid().equals(dpid));
        rates.keySet().removeIf(p -> p.dpid().equals(dpid));
        histories.keySet().removeIf(l -> l.srcDpid().equals(dpid));
        hot.removeIf(l -> l.srcDpid().equals(dpid));
    }

    private boolean fresh(long atMillis) {
        return time.millis() - atMillis <= settings.staleAfterMillis();
    }

    @Override
    public synchronized Optional<PortRate> portRate(ConnectPoint port) {
        return Optional.ofNullable(rates.get(port)).filter(r -> fresh(r.atMillis()));
    }

    @Override
    public synchronized Map<PortNumber, PortRate> portRates(Dpid dpid) {
        Map<PortNumber, PortRate> out = new TreeMap<>();
        rates.forEach(
                (p, r) -> {
                    if (p.dpid().equals(dpid) && fresh(r.atMillis())) {
                        out.put(p.port(), r);
                    }
                });
        return out;
    }

    @Override
    public synchronized Optional<LinkLoad> linkLoad(Link link) {
        EvictingQueue<LinkLoad> h = histories.get(link);
        if (h == null || h.isEmpty() || !links.getLinkInfo(link).isPresent()) {
            return Optional.empty();
        }
        LinkLoad last = ImmutableList.copyOf(h).get(h.size() - 1);
        return fresh(last.atMillis()) && rates.containsKey(link.src())
                ? Optional.of(last)
                : Optional.empty();
    }

    @Override
    public synchronized Map<Link, LinkLoad> linkLoads() {
        ImmutableMap.Builder<Link, LinkLoad> b = ImmutableMap.builder();
        for (Link l : histories.keySet()) {
            linkLoad(l).ifPresent(x -> b.put(l, x));
        }
        return b.build();
    }

    @Override
    public synchronized List<LinkLoad> history(Link link) {
        EvictingQueue<LinkLoad> h = histories.get(link);
        return h == null ? List.of() : ImmutableList.copyOf(h);
    }

    @Override
    public synchronized Set<Link> hotLinks() {
        return ImmutableSet.copyOf(hot);
    }

    @Override
    public void addListener(LoadListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(LoadListener listener) {
        listeners.remove(listener);
    }
}
