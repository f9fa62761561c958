package org.weft.dist.overload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.dist.Weft;
import org.weft.dist.WeftConfig;
import org.weft.net.Dpid;
import org.weft.net.device.DeviceEvent;
import org.weft.net.device.DeviceListener;
import org.weft.net.device.DeviceService;
import org.weft.net.reconcile.SyncState;

/**
 * The whole of Weft in this JVM (which the overload execution bounds to {@code -Xmx256m}), OpenFlow
 * on an ephemeral loopback port, REST on port 0, a temporary data directory, plus what every
 * overload scenario checks throughout: one well-behaved switch measuring its echo round trips
 * ({@link GoodSwitch}), REST health and the switch list ({@link RestProbe}), heap and direct memory
 * ({@link MemoryWatch}) and OutOfMemoryErrors anywhere ({@link LogWatch}). A scenario adds its
 * hostile switches, then {@link #finish} checks everything at once ({@link OverloadReport}).
 */
final class OverloadBed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OverloadBed.class);

    static final String TOKEN = "overload-test-token";

    /** A 32-byte LLDP key, hex. */
    static final String KEY = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    /** Live heap (after a collection) must stay below this at -Xmx256m. */
    static final long HEAP_BOUND = 200 * MemoryWatch.MIB;

    /** Direct memory (Netty's buffers, the sockets' NIO buffers) must stay below this. */
    static final long DIRECT_BOUND = 128 * MemoryWatch.MIB;

    /** The good switch's echo round trips: 99th percentile below this. */
    static final double ECHO_P99_LIMIT_MS = 50;

    /** The JVM the suite must run in (the overload execution's -Xmx256m). */
    static final long REQUIRED_MAX_HEAP = 256 * MemoryWatch.MIB;

    /** Every scenario is watched for at least this long, however quickly it is over. */
    static final Duration MIN_WINDOW = Duration.ofSeconds(6);

    /** Hard cap on every background loop of the bed. */
    static final long MAX_RUN_MS = 90_000;

    final Weft weft;
    final GoodSwitch good;
    final RestProbe rest;
    final MemoryWatch memory;
    final LogWatch logs;
    private final Emergency emergency;
    private final AtomicBoolean weftClosed = new AtomicBoolean();
    private final Path dataDir;
    private final List<ChannelWatch> channelWatches = new ArrayList<>();
    private final long measuringSince;
    private final Map<Dpid, Long> connectedAt = new ConcurrentHashMap<>();
    private final Map<Dpid, Long> disconnectedAt = new ConcurrentHashMap<>();
    private final DeviceListener deviceListener = this::deviceEvent;

    private OverloadBed(
            Weft weft,
            GoodSwitch good,
            RestProbe rest,
            MemoryWatch memory,
            LogWatch logs,
            Emergency emergency,
            Path dataDir) {
        this.weft = weft;
        this.emergency = emergency;
        this.good = good;
        this.rest = rest;
        this.memory = memory;
        this.logs = logs;
        this.dataDir = dataDir;
        this.measuringSince = System.nanoTime();
        weft.openflow().deviceService().addListener(deviceListener);
        emergency.lastResort(this::closeWeft);
    }

    /**
     * Registers something hostile (a raw switch, a bundle of sockets) to be closed at once if Weft
     * runs out of memory ({@link Emergency}); returns it.
     */
    <T extends AutoCloseable> T hostile(T c) {
        return emergency.register(c);
    }

    private void closeWeft() {
        if (weftClosed.compareAndSet(false, true)) {
            weft.close();
        }
    }

    private void deviceEvent(DeviceEvent e) {
        if (e.type() == DeviceEvent.Type.DEVICE_CONNECTED) {
            connectedAt.putIfAbsent(e.subject().dpid(), System.nanoTime());
        } else if (e.type() == DeviceEvent.Type.DEVICE_DISCONNECTED) {
            disconnectedAt.putIfAbsent(e.subject().dpid(), System.nanoTime());
        }
    }

    /** Whether Weft ever announced the switch as connected while the bed was watching. */
    boolean everConnected(long dpid) {
        return connectedAt.containsKey(Dpid.of(dpid)) || isConnected(dpid);
    }

    /** When Weft first announced the switch's disconnection (System.nanoTime), or 0. */
    long disconnectedAtNanos(long dpid) {
        return disconnectedAt.getOrDefault(Dpid.of(dpid), 0L);
    }

    /** The configuration every scenario starts from; scenarios change what they need. */
    static WeftConfig config() throws IOException {
        WeftConfig c = new WeftConfig();
        c.openflow.bindAddress = "127.0.0.1";
        c.openflow.ports = List.of(0);
        c.topology.hmacKey = KEY;
        c.rest.bindAddress = "127.0.0.1";
        c.rest.port = 0;
        c.rest.token = TOKEN;
        c.dataDir = Files.createTempDirectory("weft-overload").toString();
        return c;
    }

    /**
     * Starts Weft and the good switch, waits for the good switch to be registered, then starts
     * every probe.
     */
    static OverloadBed start(WeftConfig config) throws Exception {
        assertThat(Runtime.getRuntime().maxMemory())
                .as(
                        "the overload suite must run in its own surefire execution, with"
                                + " -Xmx256m (mvn -pl controller-dist verify"
                                + " -Dtest='org.weft.dist.overload.*'"
                                + " -Dsurefire.failIfNoSpecifiedTests=false)")
                .isLessThanOrEqualTo(REQUIRED_MAX_HEAP);
        Emergency emergency = new Emergency(MAX_RUN_MS);
        LogWatch logs = LogWatch.install(emergency::trigger);
        Weft weft = null;
        GoodSwitch good = null;
        RestProbe rest = null;
        MemoryWatch memory = null;
        try {
            weft = Weft.start(config, name -> null); // the caller's environment plays no part
            good = GoodSwitch.connect(weft.openflowPorts().get(0), Duration.ofMillis(MAX_RUN_MS));
            Weft w = weft;
            waitUntil(
                    () -> w.openflow().deviceService().isConnected(Dpid.of(GoodSwitch.DPID)),
                    Duration.ofSeconds(10),
                    "the good switch registered");
            rest =
                    new RestProbe(
                            weft.rest().port(),
                            TOKEN,
                            Dpid.of(GoodSwitch.DPID).toString(),
                            MAX_RUN_MS);
            memory = MemoryWatch.start(logs, emergency, MAX_RUN_MS);
            emergency.watch(memory);
            // Registration's own traffic (the connect-time audit) is over before measuring,
            waitUntil(
                    () -> connectPassOver(w, GoodSwitch.DPID),
                    Duration.ofSeconds(10),
                    "the good switch's connect-time reconcile pass");
            // then one second of calm: a warm-up (JIT, the first LLDP rounds) with no event to
            // wait for, so the first judged requests do not pay for it.
            Thread.sleep(1_000);
            good.startMeasuring();
            rest.startSampling();
            log.info("Overload bed ready: OpenFlow on {}", weft.openflowPorts());
            return new OverloadBed(
                    weft, good, rest, memory, logs, emergency, Path.of(config.dataDir));
        } catch (Exception | Error e) {
            closeQuietly(rest, memory, good);
            if (weft != null) {
                weft.close();
            }
            emergency.stop();
            logs.close();
            throw e;
        }
    }

    /** Milliseconds since the measurement started (to place events among the echo samples). */
    long millisIntoScenario() {
        return (System.nanoTime() - measuringSince) / 1_000_000;
    }

    int openflowPort() {
        return weft.openflowPorts().get(0);
    }

    DeviceService devices() {
        return weft.openflow().deviceService();
    }

    boolean isConnected(long dpid) {
        return devices().isConnected(Dpid.of(dpid));
    }

    /** Samples the switch's channel counters until the bed closes. */
    ChannelWatch watchChannel(long dpid) {
        ChannelWatch w = new ChannelWatch(devices(), Dpid.of(dpid), MAX_RUN_MS);
        channelWatches.add(w);
        return w;
    }

    /** Waits until Weft has registered the switch (its handshake completed on both sides). */
    void awaitRegistered(long dpid, Duration timeout) throws InterruptedException {
        waitUntil(
                () -> isConnected(dpid),
                timeout,
                "switch " + Dpid.of(dpid) + " registered by Weft");
    }

    /**
     * Waits until the reconciler's pass on the switch's connection (its audit: stats requests, the
     * writes intent needs, a barrier) is over: Weft's connect-time requests have been answered.
     */
    void awaitConnectPass(long dpid, Duration timeout) throws InterruptedException {
        waitUntil(
                () -> connectPassOver(weft, dpid),
                timeout,
                "the connect-time reconcile pass of switch " + Dpid.of(dpid));
    }

    private static boolean connectPassOver(Weft weft, long dpid) {
        return weft.reconciler().state(Dpid.of(dpid)) != SyncState.UNKNOWN;
    }

    static void waitUntil(BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not reached within " + timeout);
            }
            Thread.sleep(10);
        }
    }

    /** Waits for a background thread; an interrupt is kept for the caller. */
    static void join(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the condition; false (no exception) when it did not come within the timeout. */
    static boolean eventually(BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /**
     * Ends the scenario: keeps measuring for {@code settle}, stops the probes, and records every
     * common invariant into {@code softly} (no OutOfMemoryError, bounded heap and direct memory,
     * the good switch connected, listed and answering echoes quickly, health always answering).
     */
    OverloadReport finish(Duration settle, SoftAssertions softly) throws InterruptedException {
        Thread.sleep(settle.toMillis());
        // Whatever the scenario took, watch for at least MIN_WINDOW: trouble may come late.
        long left = MIN_WINDOW.toNanos() - (System.nanoTime() - measuringSince);
        if (left > 0) {
            Thread.sleep(left / 1_000_000);
        }
        double seconds = (System.nanoTime() - measuringSince) / 1e9;
        GoodSwitch.EchoStats echo = good.echoStats(Duration.ofMillis(500));
        boolean goodClosed = good.connectionClosed();
        boolean goodRegistered = !weftClosed.get() && isConnected(GoodSwitch.DPID);
        rest.close();
        memory.close();
        for (ChannelWatch w : channelWatches) {
            w.close();
        }
        long heapAtEnd = MemoryWatch.heapAfterFullGc();
        OverloadReport r =
                new OverloadReport(
                        seconds,
                        echo,
                        goodClosed,
                        good.closeCause(),
                        goodRegistered,
                        rest.healthChecks(),
                        rest.healthFailureCount(),
                        rest.healthFailures(),
                        rest.maxHealthMillis(),
                        rest.listChecks(),
                        rest.listFailureCount(),
                        rest.listFailures(),
                        memory.maxHeapUsed(),
                        memory.maxHeapAfterGc(),
                        memory.fullGcs(),
                        memory.minorGcs(),
                        heapAtEnd,
                        memory.maxDirect(),
                        logs.outOfMemoryErrors(),
                        emergency.reason() == null
                                ? null
                                : emergency.reason()
                                        + " at "
                                        + (emergency.triggeredAtNanos() - measuringSince)
                                                / 1_000_000
                                        + " ms into the scenario",
                        logs.summary());
        log.info("Overload scenario report:\n{}", r);
        r.check(softly);
        return r;
    }

    private static void closeQuietly(AutoCloseable... all) {
        for (AutoCloseable c : all) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                log.warn("Close failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        emergency.stop();
        devices().removeListener(deviceListener);
        closeQuietly(channelWatches.toArray(AutoCloseable[]::new));
        closeQuietly(rest, memory, good);
        try {
            closeWeft();
        } finally {
            logs.close();
            deleteQuietly(dataDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("Could not delete {}: {}", dir, e.toString());
        }
    }
}
