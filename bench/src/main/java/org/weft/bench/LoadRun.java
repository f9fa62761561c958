package org.weft.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.OpenFlowVersion;

/**
 * One packet-in run against a controller on a TCP port, cbench style: connect the switches
 * (OpenFlow 1.0), let every host speak once so the controller learns them, wait until the
 * controller is quiet, then keep each switch's window of packet-ins full for the warm-up and the
 * measured seconds, sampling the flow-mods and packet-outs received every second.
 */
final class LoadRun {

    private static final Logger log = LoggerFactory.getLogger(LoadRun.class);
    private static final long TICK_MS = 100;
    private static final Duration HANDSHAKE = Duration.ofSeconds(15);
    private static final long QUIET_MS = 500;
    private static final long LEARN_LIMIT_MS = 30_000;

    private final LoadOptions opt;
    private final int window;
    private final boolean latencyMode;
    private final List<LoadSwitch> switches = new ArrayList<>();
    private final LoadCounts counts = new LoadCounts();
    private final Recorder recorder;

    /**
     * @param window packet-ins outstanding per switch; 1 with {@code latencyMode}
     */
    LoadRun(LoadOptions opt, int window, boolean latencyMode) {
        this.opt = opt;
        this.window = latencyMode ? 1 : window;
        this.latencyMode = latencyMode;
        this.recorder = latencyMode ? new Recorder(3) : null;
    }

    LoadResult run() throws InterruptedException, ExecutionException, TimeoutException {
        EventLoopGroup group =
                new NioEventLoopGroup(opt.ioThreads, new DefaultThreadFactory("bench-io", true));
        try {
            connect(group);
            learn();
            return measure();
        } finally {
            switches.forEach(LoadSwitch::stop);
            for (LoadSwitch s : switches) {
                s.emulated().close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    private void connect(EventLoopGroup group)
            throws InterruptedException, ExecutionException, TimeoutException {
        for (int i = 0; i < opt.switches; i++) {
            EmulatedSwitch sw =
                    EmulatedSwitch.builder(opt.dpidBase + i)
                            .version(OpenFlowVersion.OF_10)
                            .ports(opt.ports)
                            .record(false)
                            .eventLoop(group)
                            .build();
            HostFrames frames = HostFrames.forSwitch(i, opt.hosts, opt.ports);
            switches.add(new LoadSwitch(sw, frames, window, recorder, counts));
            sw.connect(opt.host(), opt.port()).get(10, TimeUnit.SECONDS);
        }
        awaitReady();
        log.info("{} switches connected to {}", switches.size(), opt.controller);
    }

    /**
     * Waits (bounded) until every switch is ready: Weft ends its handshake with a barrier; a peer
     * that sends none is taken as ready once it asked for the features, after a short grace.
     */
    private void awaitReady() throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + HANDSHAKE.toNanos();
        boolean graceNeeded = false;
        for (LoadSwitch s : switches) {
            while (!s.emulated().awaitHandshake(Duration.ofMillis(TICK_MS))) {
                if (s.featuresSeen()) {
                    graceNeeded = true;
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(
                            "switch " + s.emulated().dpid() + " got no handshake in " + HANDSHAKE);
                }
            }
        }
        if (graceNeeded) {
            Thread.sleep(QUIET_MS);
        }
    }

    /**
     * Every host speaks (twice, see below); each time wait (bounded) until the controller is quiet:
     * fewer messages in {@link #QUIET_MS} than one per switch port (background traffic such as LLDP
     * probes stays below that).
     */
    private void learn() throws InterruptedException {
        // Twice, in case the controller under test drops packet-ins that arrive right behind its
        // handshake (Weft did until it kept them for the switch's registration); the second round
        // finds every host known and costs a few messages.
        for (int round = 0; round < 2; round++) {
            announceAndAwaitQuiet();
        }
    }

    private void announceAndAwaitQuiet() throws InterruptedException {
        for (LoadSwitch s : switches) {
            s.announceHosts();
        }
        long background = (long) opt.switches * opt.ports;
        long deadline = System.currentTimeMillis() + LEARN_LIMIT_MS;
        long windowStart = received();
        long windowStartMs = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(TICK_MS);
            if (System.currentTimeMillis() - windowStartMs >= QUIET_MS) {
                long now = received();
                if (now - windowStart <= background) {
                    log.info("Hosts announced; controller quiet after {} messages", now);
                    return;
                }
                windowStart = now;
                windowStartMs = System.currentTimeMillis();
            }
        }
        log.warn("Controller still busy {} ms after the hosts were announced", LEARN_LIMIT_MS);
    }

    private LoadResult measure() throws InterruptedException {
        switches.forEach(LoadSwitch::start);
        long stallNanos = TimeUnit.MILLISECONDS.toNanos(opt.stallMillis);
        long start = System.nanoTime();
        long[] answers = new long[opt.seconds];
        long[] flowMods = new long[opt.seconds];
        long[] packetOuts = new long[opt.seconds];
        CpuMeter cpu = null;
        long prevAnswers = 0;
        long prevFlowMods = 0;
        long prevPacketOuts = 0;
        long stallsBefore = 0;
        long lateBefore = 0;
        long unpairedBefore = 0;
        for (int sec = -opt.warmupSeconds; sec < opt.seconds; sec++) {
            long secondEnd = start + TimeUnit.SECONDS.toNanos(sec + opt.warmupSeconds + 1L);
            if (sec == 0) {
                cpu = CpuMeter.start();
                stallsBefore = counts.stalls.sum();
                lateBefore = counts.late.sum();
                unpairedBefore = counts.unpaired.sum();
                if (recorder != null) {
                    recorder.getIntervalHistogram(); // drop the warm-up's samples
                }
            }
            long now;
            while ((now = System.nanoTime()) < secondEnd) {
                for (LoadSwitch s : switches) {
                    s.checkStall(now, stallNanos);
                }
                long left = TimeUnit.NANOSECONDS.toMillis(secondEnd - now);
                Thread.sleep(Math.max(1, Math.min(TICK_MS, left)));
            }
            long a = answers();
            long f = sum(true);
            long p = sum(false);
            if (sec >= 0) {
                answers[sec] = a - prevAnswers;
                flowMods[sec] = f - prevFlowMods;
                packetOuts[sec] = p - prevPacketOuts;
                log.debug(
                        "second {}: {} answers, {} flow-mods, {} packet-outs",
                        sec,
                        answers[sec],
                        flowMods[sec],
                        packetOuts[sec]);
            }
            prevAnswers = a;
            prevFlowMods = f;
            prevPacketOuts = p;
        }
        switches.forEach(LoadSwitch::stop);
        Histogram latency = recorder == null ? null : recorder.getIntervalHistogram();
        return new LoadResult(
                latencyMode ? "latency" : "throughput",
                answers,
                flowMods,
                packetOuts,
                latency,
                counts.stalls.sum() - stallsBefore,
                counts.late.sum() - lateBefore,
                counts.unpaired.sum() - unpairedBefore,
                cpu == null ? -1 : cpu.cpuSeconds(),
                cpu == null ? 0 : cpu.wallSeconds());
    }

    private long answers() {
        long total = 0;
        for (LoadSwitch s : switches) {
            total += s.answers();
        }
        return total;
    }

    private long received() {
        return sum(true) + sum(false);
    }

    private long sum(boolean flowMods) {
        long total = 0;
        for (LoadSwitch s : switches) {
            var c = s.emulated().counters();
            total += flowMods ? c.flowMods.sum() : c.packetOuts.sum();
        }
        return total;
    }
}
