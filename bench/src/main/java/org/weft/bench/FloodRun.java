package org.weft.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.OpenFlowVersion;

/**
 * One flood run, cbench's worst habit: N OpenFlow 1.0 switches connect one after the other, no
 * warm-up, no learning phase; each floods its controller from the moment it has written its
 * FEATURES_REPLY ({@link FloodSwitch}) until {@code --seconds} after the first connection. Samples
 * answers and packet-ins every second (and the controller's threads and memory when its PID is
 * given), then stops the flood, reads the controller's dropped packet-ins and heap while the
 * switches are still connected, and closes them.
 */
final class FloodRun {

    private static final Logger log = LoggerFactory.getLogger(FloodRun.class);
    private static final long CONNECT_LIMIT_S = 10;

    private final FloodOptions opt;
    private final List<FloodSwitch> switches = new ArrayList<>();

    FloodRun(FloodOptions opt) {
        this.opt = opt;
    }

    FloodResult run() throws InterruptedException, ExecutionException, TimeoutException {
        EventLoopGroup group =
                new NioEventLoopGroup(opt.ioThreads, new DefaultThreadFactory("flood-io", true));
        ControllerProcess ctl =
                opt.controllerPid == null ? null : new ControllerProcess(opt.controllerPid);
        try {
            build(group);
            long origin = System.nanoTime();
            CpuMeter cpu = CpuMeter.start();
            connect(origin);
            log.info("{} switches connected to {}; flooding", switches.size(), opt.controller);
            Samples samples = sample(origin, ctl);
            List<FloodSwitchResult> results = switches.stream().map(FloodSwitch::result).toList();
            double wall = (System.nanoTime() - origin) / 1e9;
            double cpuSeconds = cpu.cpuSeconds();
            switches.forEach(FloodSwitch::stop);
            long dropped =
                    opt.noRest()
                            ? -1
                            : new DroppedPacketIns(opt.restUrl)
                                    .read(results.stream().map(FloodSwitchResult::dpid).toList());
            ControllerSample controller = ctl == null ? null : samples.finish(ctl);
            return new FloodResult(
                    results,
                    samples.answers,
                    samples.packetIns,
                    wall,
                    cpuSeconds,
                    dropped,
                    controller);
        } finally {
            switches.forEach(FloodSwitch::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    /** The switches and their encoded packet-ins, before the clock starts. */
    private void build(EventLoopGroup group) {
        for (int i = 0; i < opt.switches + opt.lateSwitches; i++) {
            EmulatedSwitch sw =
                    EmulatedSwitch.builder(opt.dpidBase + i)
                            .version(OpenFlowVersion.OF_10)
                            .ports(opt.ports)
                            .record(false)
                            .eventLoop(group)
                            .build();
            PacketIns packetIns = PacketIns.of(HostFrames.forSwitch(i, opt.hosts, opt.ports));
            switches.add(new FloodSwitch(sw, packetIns, opt.queueKib * 1024, opt.sndbufKib * 1024));
        }
    }

    /**
     * Connects the first {@code opt.switches} one after the other, each as soon as the previous
     * one's TCP is up.
     */
    private void connect(long origin)
            throws InterruptedException, ExecutionException, TimeoutException {
        for (FloodSwitch fs : switches.subList(0, opt.switches)) {
            fs.connect(opt.host(), opt.port(), origin).get(CONNECT_LIMIT_S, TimeUnit.SECONDS);
        }
    }

    /** Connects the late switches, halfway through the run, into the others' flood. */
    private void connectLate(long origin) {
        for (FloodSwitch fs : switches.subList(opt.switches, switches.size())) {
            try {
                fs.connect(opt.host(), opt.port(), origin).get(CONNECT_LIMIT_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // Its result shows it never connected: a problem the report names.
                log.warn("Late switch {} could not connect: {}", fs.result().dpid(), e.toString());
            }
        }
        log.info("{} late switches connected; flooding", opt.lateSwitches);
    }

    /** Per-second totals until the run's time is up. */
    private Samples sample(long origin, ControllerProcess ctl) throws InterruptedException {
        Samples s = new Samples(opt.seconds);
        long prevAnswers = 0;
        long prevSent = 0;
        for (int sec = 0; sec < opt.seconds; sec++) {
            if (sec == opt.seconds / 2 && opt.lateSwitches > 0) {
                connectLate(origin);
            }
            long end = origin + TimeUnit.SECONDS.toNanos(sec + 1L);
            long left;
            while ((left = end - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
            long answers = 0;
            long sent = 0;
            for (FloodSwitch f : switches) {
                answers += f.answers();
                sent += f.packetInsSent();
            }
            s.answers[sec] = answers - prevAnswers;
            s.packetIns[sec] = sent - prevSent;
            prevAnswers = answers;
            prevSent = sent;
            if (ctl != null) {
                s.threadsMax = Math.max(s.threadsMax, ctl.threads());
                s.rssMaxMib = Math.max(s.rssMaxMib, ctl.rssMib());
            }
            log.debug(
                    "second {}: {} answers, {} packet-ins", sec, s.answers[sec], s.packetIns[sec]);
        }
        return s;
    }

    /** What {@link #sample} gathers. */
    private static final class Samples {
        final long[] answers;
        final long[] packetIns;
        int threadsMax = -1;
        long rssMaxMib = -1;

        Samples(int seconds) {
            answers = new long[seconds];
            packetIns = new long[seconds];
        }

        ControllerSample finish(ControllerProcess ctl) {
            ControllerProcess.Heap heap = ctl.heap();
            int threads = ctl.threads();
            long rss = ctl.rssMib();
            return new ControllerSample(
                    ctl.pid(),
                    heap == null ? -1 : heap.usedMib(),
                    heap == null ? -1 : heap.committedMib(),
                    threads,
                    Math.max(threadsMax, threads),
                    rss,
                    Math.max(rssMaxMib, rss));
        }
    }
}
