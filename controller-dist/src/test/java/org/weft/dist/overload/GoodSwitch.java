package org.weft.dist.overload;

import com.google.common.primitives.Longs;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.projectfloodlight.openflow.protocol.OFEchoReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one well-behaved switch on the controller under attack: answers everything politely on its
 * own reader thread and measures its own echo round trips, an ECHO_REQUEST every 20 ms carrying a
 * timestamp, timed until the ECHO_REPLY with the same xid comes back.
 */
final class GoodSwitch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GoodSwitch.class);

    static final long DPID = 0x600d;

    /** Echo request period. */
    static final Duration PROBE_PERIOD = Duration.ofMillis(20);

    /** Our echo xids, far above the controller's own (small, increasing) xids. */
    private static final long FIRST_XID = 0x7000_0000L;

    private final RawSwitch sw;
    private final AtomicLong xids = new AtomicLong(FIRST_XID);
    private final Map<Long, Long> outstanding = new ConcurrentHashMap<>();
    private final List<Long> rttNanos = Collections.synchronizedList(new ArrayList<>());

    /** When each measured echo request was sent (same order as {@link #rttNanos}). */
    private final List<Long> sentNanos = Collections.synchronizedList(new ArrayList<>());

    private volatile long measuringSince;
    private final AtomicLong strayEchoReplies = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean measuring;
    private final Thread reader;
    private final Thread prober;
    private final long maxRunNanos;

    private GoodSwitch(RawSwitch sw, Duration maxRun) {
        this.sw = sw;
        this.maxRunNanos = maxRun.toNanos();
        this.reader = new Thread(this::readLoop, "good-switch-reader");
        this.prober = new Thread(this::probeLoop, "good-switch-prober");
        reader.setDaemon(true);
        prober.setDaemon(true);
    }

    /**
     * Connects, completes the handshake and starts answering and probing; the threads stop by
     * themselves after {@code maxRun} at the latest.
     */
    static GoodSwitch connect(int port, Duration maxRun) throws IOException {
        RawSwitch sw = RawSwitch.connect(port, DPID, 4, "good-switch");
        try {
            sw.completeHandshake(Duration.ofSeconds(10));
        } catch (IOException | RuntimeException e) {
            sw.close();
            throw e;
        }
        GoodSwitch g = new GoodSwitch(sw, maxRun);
        g.reader.start();
        g.prober.start();
        return g;
    }

    RawSwitch raw() {
        return sw;
    }

    /** Starts counting round trips (those of the handshake and registration are not counted). */
    void startMeasuring() {
        synchronized (rttNanos) {
            rttNanos.clear();
            sentNanos.clear();
        }
        outstanding.clear();
        measuringSince = System.nanoTime();
        measuring = true;
    }

    private void readLoop() {
        long end = System.nanoTime() + maxRunNanos;
        try {
            while (running && System.nanoTime() < end) {
                Optional<OFMessage> m = sw.poll();
                if (m.isEmpty()) {
                    continue;
                }
                if (m.get().getType() == OFType.ECHO_REPLY) {
                    onEchoReply((OFEchoReply) m.get());
                } else {
                    sw.answerPolitely(m.get());
                }
            }
        } catch (IOException e) {
            if (running) {
                log.warn("Good switch: connection lost: {}", e.toString());
            }
        }
    }

    private void onEchoReply(OFEchoReply reply) {
        long now = System.nanoTime();
        Long sent = outstanding.remove(reply.getXid());
        if (sent == null) {
            strayEchoReplies.incrementAndGet();
            return;
        }
        byte[] data = reply.getData();
        if (data.length != Long.BYTES || Longs.fromByteArray(data) != sent) {
            log.warn("Good switch: echo reply {} carries the wrong data", reply.getXid());
            return;
        }
        synchronized (rttNanos) {
            rttNanos.add(now - sent);
            sentNanos.add(sent);
        }
    }

    private void probeLoop() {
        long end = System.nanoTime() + maxRunNanos;
        long periodMillis = PROBE_PERIOD.toMillis();
        try {
            while (running && System.nanoTime() < end) {
                if (measuring) {
                    long xid = xids.getAndIncrement();
                    long now = System.nanoTime();
                    outstanding.put(xid, now);
                    sw.send(
                            SwitchMessages.OF13
                                    .buildEchoRequest()
                                    .setXid(xid)
                                    .setData(Longs.toByteArray(now))
                                    .build());
                }
                Thread.sleep(periodMillis);
            }
        } catch (IOException e) {
            if (running) {
                log.warn("Good switch: echo request failed: {}", e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Round trips measured so far; echo requests still unanswered after {@code lostAfter} count as
     * infinitely long ({@link Long#MAX_VALUE}).
     */
    EchoStats echoStats(Duration lostAfter) {
        List<Long> samples;
        List<Long> sent;
        synchronized (rttNanos) {
            samples = new ArrayList<>(rttNanos);
            sent = new ArrayList<>(sentNanos);
        }
        long now = System.nanoTime();
        long lost =
                outstanding.values().stream().filter(at -> now - at > lostAfter.toNanos()).count();
        return EchoStats.of(samples, lost, strayEchoReplies.get(), worst(samples, sent));
    }

    /** The five slowest round trips, with when they were sent (ms into the measurement). */
    private String worst(List<Long> samples, List<Long> sent) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Long.compare(samples.get(b), samples.get(a)));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(5, order.size()); i++) {
            int k = order.get(i);
            sb.append(i == 0 ? "" : ", ")
                    .append(String.format("%.1f ms", samples.get(k) / 1e6))
                    .append(" at +")
                    .append((sent.get(k) - measuringSince) / 1_000_000)
                    .append(" ms");
        }
        return sb.toString();
    }

    boolean connectionClosed() {
        return sw.peerClosed();
    }

    String closeCause() {
        return sw.closeCause();
    }

    @Override
    public void close() {
        running = false;
        sw.close();
        OverloadBed.join(prober, 2_000);
        OverloadBed.join(reader, 2_000);
    }

    /** Echo round trips: answered samples (sorted) and requests never answered. */
    record EchoStats(List<Long> sortedNanos, long lost, long stray, String worst) {

        static EchoStats of(List<Long> samples, long lost, long stray, String worst) {
            List<Long> sorted = new ArrayList<>(samples);
            Collections.sort(sorted);
            return new EchoStats(List.copyOf(sorted), lost, stray, worst);
        }

        long answered() {
            return sortedNanos.size();
        }

        /** The percentile in milliseconds, lost requests counted as infinitely slow. */
        double percentileMillis(double p) {
            long total = sortedNanos.size() + lost;
            if (total == 0) {
                return Double.NaN;
            }
            long rank = (long) Math.ceil(p / 100.0 * total) - 1;
            if (rank >= sortedNanos.size()) {
                return Double.POSITIVE_INFINITY;
            }
            return sortedNanos.get((int) Math.max(0, rank)) / 1e6;
        }

        double maxMillis() {
            if (lost > 0) {
                return Double.POSITIVE_INFINITY;
            }
            return sortedNanos.isEmpty()
                    ? Double.NaN
                    : sortedNanos.get(sortedNanos.size() - 1) / 1e6;
        }

        @Override
        public String toString() {
            return String.format(
                    "%d answered, %d lost, p50 %.1f ms, p99 %.1f ms, max %.1f ms; slowest: %s",
                    answered(),
                    lost,
                    percentileMillis(50),
                    percentileMillis(99),
                    maxMillis(),
                    worst);
        }
    }
}
