package org.weft.net.stats.impl;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.hash.Hashing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceService;
import org.weft.net.stats.PortStatistics;
import org.weft.net.stats.StatsService;
import org.weft.time.TimeSource;
import org.weft.util.LogThrottle;

/**
 * Polls the port statistics of every connected switch once per interval, each switch at its own
 * phase of the interval (so requests are spread, not sent in one burst), at most {@code
 * maxInFlight} at a time, each given up after {@code timeout}. A slow switch holds only its own
 * slot: its next poll waits for its answer or timeout, the others go on. The version-specific
 * request is the {@link StatsService}'s business. Answers go to the {@link LoadMonitor}.
 */
public final class StatsCollector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatsCollector.class);

    /**
     * What the collector needs of the configuration.
     *
     * @param interval how often each switch is polled
     * @param maxInFlight most requests outstanding at once
     * @param timeout how long one request may take
     */
    public record Settings(Duration interval, int maxInFlight, Duration timeout) {
        public Settings {
            checkArgument(interval.toMillis() > 0, "interval must be positive");
            checkArgument(maxInFlight > 0, "maxInFlight must be positive");
            checkArgument(timeout.toMillis() > 0, "timeout must be positive");
        }
    }

    /** Counters since start: polls sent, answered, timed out, failed. */
    public record Counts(long sent, long answered, long timedOut, long failed) {}

    private static final class Poll {
        long dueNanos;
        long generation;
        boolean outstanding;
        Future<?> timer;

        Poll(long dueNanos) {
            this.dueNanos = dueNanos;
        }
    }

    private final DeviceService devices;
    private final StatsService stats;
    private final LoadMonitor monitor;
    private final TimeSource time;
    private final Settings settings;
    private final long intervalNanos;
    private final Map<Dpid, Poll> polls = new HashMap<>();
    private final LogThrottle warnings;
    private int inFlight;
    private long sent;
    private long answered;
    private long timedOut;
    private long failed;
    private Future<?> ticker;

    public StatsCollector(
            DeviceService devices,
            StatsService stats,
            LoadMonitor monitor,
            TimeSource time,
            Settings settings) {
        this.devices = checkNotNull(devices, "devices");
        this.stats = checkNotNull(stats, "stats");
        this.monitor = checkNotNull(monitor, "monitor");
        this.time = checkNotNull(time, "time");
        this.settings = checkNotNull(settings, "settings");
        this.intervalNanos = settings.interval().toNanos();
        this.warnings = new LogThrottle(Duration.ofMinutes(1), time::nanos);
    }

    /**
     * How often the collector looks for due switches: a twentieth of the interval, from 10 ms to 1
     * s.
     */
    Duration tickPeriod() {
        long ms = Math.max(10, Math.min(1_000, settings.interval().toMillis() / 20));
        return Duration.ofMillis(ms);
    }

    public synchronized StatsCollector start() {
        ticker = time.scheduleWithFixedDelay(tickPeriod(), tickPeriod(), this::tick);
        log.info(
                "Statistics collector started (every {} ms, at most {} in flight)",
                settings.interval().toMillis(),
                settings.maxInFlight());
        return this;
    }

    /** Sends the polls that are due, as far as the in-flight bound allows. */
    void tick() {
        long now = time.nanos();
        Set<Dpid> connected =
                devices.getDevices().stream().map(Device::dpid).collect(Collectors.toSet());
        List<Dpid> gone = new ArrayList<>();
        List<Dpid> due = new ArrayList<>();
        synchronized (this) {
            for (Dpid d : connected) {
                polls.computeIfAbsent(d, x -> new Poll(now + phase(x)));
            }
            for (var it = polls.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!connected.contains(e.getKey())) {
                    release(e.getValue());
                    it.remove();
                    gone.add(e.getKey());
                }
            }
            polls.entrySet().stream()
                    .filter(e -> !e.getValue().outstanding && e.getValue().dueNanos <= now)
                    .sorted(Comparator.comparingLong(e -> e.getValue().dueNanos))
                    .limit(Math.max(0, settings.maxInFlight() - inFlight))
                    .forEach(e -> due.add(e.getKey()));
            for (Dpid d : due) {
                Poll p = polls.get(d);
                p.outstanding = true;
                p.generation++;
                p.dueNanos += intervalNanos * Math.max(1, (now - p.dueNanos) / intervalNanos + 1);
                inFlight++;
                sent++;
            }
        }
        gone.forEach(monitor::switchGone);
        for (Dpid d : due) {
            send(d);
        }
    }

    /** A stable offset of the switch within the interval, so polls spread over it. */
    private long phase(Dpid d) {
        return Math.floorMod(Hashing.murmur3_128().hashLong(d.value()).asLong(), intervalNanos);
    }

    private void send(Dpid d) {
        long generation;
        synchronized (this) {
            Poll p = polls.get(d);
            if (p == null) {
                return;
            }
            generation = p.generation;
            p.timer = time.schedule(settings.timeout(), () -> finish(d, generation, null, null));
        }
        CompletableFuture<List<PortStatistics>> answer;
        try {
            answer = stats.getPortStatistics(d);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((r, e) -> finish(d, generation, r, e));
    }

    /** An answer, a failure, or (both null) the timeout. Late ones are ignored. */
    private void finish(Dpid d, long generation, List<PortStatistics> ports, Throwable error) {
        synchronized (this) {
            Poll p = polls.get(d);
            if (p == null || p.generation != generation || !p.outstanding) {
                return;
            }
            release(p);
            if (ports != null) {
                answered++;
            } else if (error == null) {
                timedOut++;
            } else {
                failed++;
            }
        }
        if (ports != null) {
            monitor.portsSampled(d, ports);
            return;
        }
        Throwable cause = error instanceof CompletionException c ? c.getCause() : error;
        if (cause instanceof DeviceNotConnectedException) {
            // The switch left while asked: it is dropped from the polls at the next tick.
            log.debug("Port statistics of {} not answered: it disconnected", d);
            return;
        }
        long left = warnings.admit();
        if (left >= 0) {
            if (error == null) {
                log.warn(
                        "Port statistics of {} not answered within {} ms ({} more since the last"
                                + " line)",
                        d,
                        settings.timeout().toMillis(),
                        left);
            } else {
                log.warn(
                        "Port statistics of {} failed ({} more since the last line)",
                        d,
                        left,
                        cause);
            }
        }
    }

    private void release(Poll p) {
        if (p.outstanding) {
            p.outstanding = false;
            inFlight--;
        }
        if (p.timer != null) {
            p.timer.cancel(false);
            p.timer = null;
        }
    }

    /** Requests outstanding now. */
    public synchronized int inFlight() {
        return inFlight;
    }

    public synchronized Counts counts() {
        return new Counts(sent, answered, timedOut, failed);
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        polls.values().forEach(this::release);
        polls.clear();
    }
}
