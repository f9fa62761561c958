package org.weft.net.stats.impl;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Link;
import org.weft.net.link.LinkService;
import org.weft.net.stats.LinkLoad;
import org.weft.net.stats.LoadService;
import org.weft.net.topology.LinkInfo;
import org.weft.time.TimeSource;

/**
 * Damps the measured load before routing sees it. Once per {@code interval} (never more often), a
 * link's routing utilisation ({@link LinkInfo#utilisation()}) is set to the mean of its loads
 * measured during the last interval, but only when the change is sustained: there are at least two
 * such loads and every one of them differs from the current routing utilisation by more than {@code
 * minChange}, in the same direction. A burst, one noisy sample, or a load wavering around the
 * current value changes nothing, so routes do not flap with the traffic they carry.
 *
 * <p>Each change reaches routing as a link update (reason MEASURED), and routing re-plans make
 * before break like after any attribute change. The interval should cover at least two statistics
 * intervals.
 */
public final class LoadReweighter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LoadReweighter.class);

    /** Receives the new routing utilisation of a link (the link manager's setter in Weft). */
    @FunctionalInterface
    public interface Sink {
        void setUtilisation(Link link, double utilisation);
    }

    /**
     * @param minChange smallest utilisation change (0..1) routing is told about
     * @param interval how often, at most, links are re-weighted
     */
    public record Settings(double minChange, Duration interval) {
        public Settings {
            checkArgument(minChange > 0 && minChange < 1, "minChange must be between 0 and 1");
            checkArgument(interval.toMillis() > 0, "interval must be positive");
        }
    }

    private final LoadService loads;
    private final LinkService links;
    private final Sink sink;
    private final BooleanSupplier enabled;
    private final TimeSource time;
    private final Settings settings;
    private Future<?> timer;

    /**
     * @param enabled whether anyone routes by load now (e.g. the metric is UTILISATION); when
     *     false, links are set back to utilisation 0 and left there
     */
    public LoadReweighter(
            LoadService loads,
            LinkService links,
            Sink sink,
            BooleanSupplier enabled,
            TimeSource time,
            Settings settings) {
        this.loads = checkNotNull(loads, "loads");
        this.links = checkNotNull(links, "links");
        this.sink = checkNotNull(sink, "sink");
        this.enabled = checkNotNull(enabled, "enabled");
        this.time = checkNotNull(time, "time");
        this.settings = checkNotNull(settings, "settings");
    }

    public synchronized LoadReweighter start() {
        timer =
                time.scheduleWithFixedDelay(
                        settings.interval(), settings.interval(), this::reweigh);
        return this;
    }

    /**
     * Applies the sustained changes now.
     *
     * @return how many links were re-weighted
     */
    public int reweigh() {
        if (!enabled.getAsBoolean()) {
            return forget();
        }
        long since = time.millis() - settings.interval().toMillis();
        int changed = 0;
        for (Map.Entry<Link, LinkInfo> e : links.getLinks().entrySet()) {
            OptionalDouble next =
                    sustained(loads.history(e.getKey()), e.getValue().utilisation(), since);
            if (next.isPresent()) {
                log.debug(
                        "Link {} re-weighted: utilisation {} -> {}",
                        e.getKey(),
                        e.getValue().utilisation(),
                        next.getAsDouble());
                sink.setUtilisation(e.getKey(), next.getAsDouble());
                changed++;
            }
        }
        if (changed > 0) {
            log.info("{} links re-weighted by their measured load", changed);
        }
        return changed;
    }

    /**
     * Nobody routes by load (any more): links still carrying a utilisation from before go back to
     * 0, so a metric chosen later starts from an idle fabric, not from stale load.
     */
    private int forget() {
        int changed = 0;
        for (Map.Entry<Link, LinkInfo> e : links.getLinks().entrySet()) {
            if (e.getValue().utilisation() != 0) {
                sink.setUtilisation(e.getKey(), 0);
                changed++;
            }
        }
        return changed;
    }

    /**
     * The new utilisation when the loads measured since {@code sinceMillis} are at least two and
     * all differ from {@code current} by more than the minimum change in the same direction.
     */
    OptionalDouble sustained(List<LinkLoad> history, double current, long sinceMillis) {
        int n = 0;
        int up = 0;
        int down = 0;
        double sum = 0;
        for (LinkLoad l : history) {
            OptionalDouble u = l.utilisation();
            if (l.atMillis() <= sinceMillis || u.isEmpty()) {
                continue;
            }
            double v = u.getAsDouble();
            n++;
            sum += v;
            if (v - current > settings.minChange()) {
                up++;
            } else if (current - v > settings.minChange()) {
                down++;
            }
        }
        if (n < 2 || (up != n && down != n)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.max(0, sum / n));
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
