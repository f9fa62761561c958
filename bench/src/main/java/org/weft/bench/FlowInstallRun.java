package org.weft.bench;

import com.google.common.collect.ImmutableList;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleBatch;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.openflow.OfConfig;
import org.weft.openflow.OfController;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.OpenFlowVersion;

/**
 * Flow installation through Weft's driver in-process: K rules spread over the emulated switches in
 * barrier-confirmed batches through {@link FlowRuleService}, with a bounded number of batches in
 * flight per switch, handed over in bursts ({@link FlowRuleService#applyAll}) or one by one; the
 * rate counts rules whose barrier was answered. The CPU is measured apart for Weft (its threads,
 * and its work inside {@code apply} on the submitting thread) and for the emulated switches (their
 * own event loop thread), so a report can say whose core was the limit.
 */
final class FlowInstallRun {

    private static final Logger log = LoggerFactory.getLogger(FlowInstallRun.class);

    /** The emulated switches' event loop threads, named apart from Weft's. */
    static final String EMULATOR_THREADS = "bench-emulator";

    /** The rules' actions: output to port 1 + id % 4. */
    private static final List<List<FlowAction>> OUTPUTS =
            List.of(
                    ImmutableList.of(FlowAction.output(1)),
                    ImmutableList.of(FlowAction.output(2)),
                    ImmutableList.of(FlowAction.output(3)),
                    ImmutableList.of(FlowAction.output(4)));

    private final int switchCount;
    private final int rules;
    private final int batch;
    private final int inFlight;
    private final OpenFlowVersion version;
    private final Duration limit;

    /** Rules pushed (and confirmed) before measuring, so the JIT has compiled the hot path. */
    private int warmup;

    /** Distinct matches per switch (0: every rule distinct); an ADD replaces an identical entry. */
    private int tableSize;

    /** Whether each batch goes through its own {@code apply} call instead of bursts. */
    private boolean oneByOne;

    /** CPU nanoseconds the submitting thread spent inside {@code apply} or {@code applyAll}. */
    private long callerNanos;

    FlowInstallRun(
            int switchCount,
            int rules,
            int batch,
            int inFlight,
            OpenFlowVersion version,
            Duration limit) {
        this.switchCount = switchCount;
        this.rules = rules;
        this.batch = batch;
        this.inFlight = inFlight;
        this.version = version;
        this.limit = limit;
    }

    /** Pushes {@code rules} unmeasured rules first (0: none). */
    FlowInstallRun withWarmup(int rules) {
        this.warmup = rules;
        return this;
    }

    /**
     * Keeps each emulated switch's table at {@code entries} (0: unbounded): rule {@code i} matches
     * the same address as rule {@code i + entries}, and its ADD replaces that entry.
     */
    FlowInstallRun withTableSize(int entries) {
        this.tableSize = entries;
        return this;
    }

    /**
     * Hands each batch to {@link FlowRuleService#apply} on its own (true), instead of every batch
     * the in-flight windows allow at that moment to {@link FlowRuleService#applyAll} at once.
     */
    FlowInstallRun withOneByOne(boolean oneByOne) {
        this.oneByOne = oneByOne;
        return this;
    }

    FlowInstallResult run() throws Exception {
        EventLoopGroup group =
                new NioEventLoopGroup(1, new DefaultThreadFactory(EMULATOR_THREADS, true));
        List<EmulatedSwitch> sws = new ArrayList<>();
        try (OfController of =
                new OfController(
                                OfConfig.defaults()
                                        .withPorts(List.of(0))
                                        .withKeepalive(Duration.ofSeconds(30), 3))
                        .start()) {
            int port = of.boundPorts().get(0);
            for (int i = 0; i < switchCount; i++) {
                EmulatedSwitch sw =
                        EmulatedSwitch.builder(1 + i)
                                .version(version)
                                .record(false)
                                .eventLoop(group)
                                .build();
                sw.connect("127.0.0.1", port).get(10, TimeUnit.SECONDS);
                sws.add(sw);
            }
            for (EmulatedSwitch sw : sws) {
                if (!sw.awaitHandshake(Duration.ofSeconds(10))) {
                    throw new TimeoutException("switch " + sw.dpid() + " handshake timed out");
                }
                // The switch answered the last handshake barrier; the controller admits it a moment
                // later.
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!of.deviceService().isConnected(sw.dpid())) {
                    if (System.nanoTime() > deadline) {
                        throw new TimeoutException(
                                "switch " + sw.dpid() + " not admitted by the controller");
                    }
                    Thread.sleep(5);
                }
            }
            if (warmup > 0) {
                push(of.flowRuleService(), warmup, rules);
                callerNanos = 0;
            }
            long before = flowMods(sws);
            ThreadCpu emulator = ThreadCpu.named(EMULATOR_THREADS);
            WeftCpuClock weft = WeftCpuClock.start();
            double gcBefore = gcSeconds();
            JvmThreadCpu jvm = JvmThreadCpu.start();
            CpuMeter cpu = CpuMeter.start();
            long submitterBefore = ThreadCpu.currentThreadNanos();
            long confirmed = push(of.flowRuleService(), rules, 0);
            double secs = cpu.wallSeconds();
            long submitter = ThreadCpu.currentThreadNanos() - submitterBefore;
            return new FlowInstallResult(
                    confirmed,
                    flowMods(sws) - before,
                    secs,
                    cpu.cpuSeconds(),
                    weft.weftCpuSeconds(),
                    callerNanos / 1e9,
                    (submitter - callerNanos) / 1e9,
                    emulator.seconds(),
                    1,
                    Runtime.getRuntime().availableProcessors(),
                    gcSeconds() - gcBefore,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage(),
                    jvm.gcSeconds(),
                    jvm.jitSeconds());
        } finally {
            sws.forEach(EmulatedSwitch::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    /** Pushes {@code count} rules numbered from {@code firstId}; the number confirmed. */
    private long push(FlowRuleService flows, int count, int firstId)
            throws InterruptedException, ExecutionException, TimeoutException {
        return oneByOne ? pushOneByOne(flows, count, firstId) : pushBursts(flows, count, firstId);
    }

    /**
     * Bursts: whenever a batch is confirmed, every batch the switches' windows have room for then
     * goes to {@link FlowRuleService#applyAll} in one call (confirmations come in groups, so a
     * burst holds several batches per switch).
     */
    private long pushBursts(FlowRuleService flows, int count, int firstId)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + limit.toNanos();
        Semaphore[] slots = new Semaphore[switchCount];
        for (int s = 0; s < switchCount; s++) {
            slots[s] = new Semaphore(inFlight);
        }
        // Released after a switch's slot on each confirmation: wakes this thread to refill.
        Semaphore freed = new Semaphore(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        int sent = 0;
        int bursts = 0;
        int start = 0;
        while (sent < count && failure.get() == null) {
            long left = deadline - System.nanoTime();
            if (!freed.tryAcquire(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("flow installation exceeded " + limit);
            }
            freed.drainPermits();
            List<FlowRuleBatch> burst = new ArrayList<>();
            List<Integer> switchOf = new ArrayList<>();
            for (int k = 0; k < switchCount && sent < count; k++) {
                int s = (start + k) % switchCount;
                while (sent < count && slots[s].tryAcquire()) {
                    int n = Math.min(batch, count - sent);
                    burst.add(new FlowRuleBatch(Dpid.of(1 + s), batchFor(s, firstId + sent, n)));
                    switchOf.add(s);
                    sent += n;
                }
            }
            start = (start + 1) % switchCount;
            if (burst.isEmpty()) {
                continue;
            }
            bursts++;
            long cpuBefore = ThreadCpu.currentThreadNanos();
            List<CompletableFuture<BatchResult>> applied = flows.applyAll(burst);
            callerNanos += ThreadCpu.currentThreadNanos() - cpuBefore;
            for (int i = 0; i < applied.size(); i++) {
                Semaphore slot = slots[switchOf.get(i)];
                CompletableFuture<?> done = applied.get(i).thenApply(BatchResult::orThrow);
                done.whenComplete(
                        (ok, e) -> {
                            slot.release();
                            freed.release();
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                all.add(done);
            }
        }
        long left = deadline - System.nanoTime();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .get(Math.max(0, left), TimeUnit.NANOSECONDS);
        if (failure.get() != null) {
            throw new ExecutionException("a batch failed", failure.get());
        }
        log.info("{} rules confirmed in {} batches, {} bursts", sent, all.size(), bursts);
        return sent;
    }

    /** One {@link FlowRuleService#apply} call per batch, switch after switch. */
    private long pushOneByOne(FlowRuleService flows, int count, int firstId)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + limit.toNanos();
        Semaphore[] slots = new Semaphore[switchCount];
        for (int s = 0; s < switchCount; s++) {
            slots[s] = new Semaphore(inFlight);
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        int sent = 0;
        int round = 0;
        while (sent < count && failure.get() == null) {
            int s = round++ % switchCount;
            int n = Math.min(batch, count - sent);
            long left = deadline - System.nanoTime();
            if (!slots[s].tryAcquire(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("flow installation exceeded " + limit);
            }
            Semaphore slot = slots[s];
            List<FlowRuleOperation> ops = batchFor(s, firstId + sent, n);
            long cpuBefore = ThreadCpu.currentThreadNanos();
            CompletableFuture<BatchResult> applied = flows.apply(Dpid.of(1 + s), ops);
            callerNanos += ThreadCpu.currentThreadNanos() - cpuBefore;
            CompletableFuture<?> done = applied.thenApply(BatchResult::orThrow);
            done.whenComplete(
                    (ok, e) -> {
                        slot.release();
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
            all.add(done);
            sent += n;
        }
        long left = deadline - System.nanoTime();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .get(Math.max(0, left), TimeUnit.NANOSECONDS);
        if (failure.get() != null) {
            throw new ExecutionException("a batch failed", failure.get());
        }
        log.info("{} rules confirmed in {} batches", sent, all.size());
        return sent;
    }

    /**
     * The batch's rules, built cheaply (one address, match, rule and operation each, no builders;
     * the switch and the four output action lists shared), so the caller's CPU is mostly Weft's.
     */
    private List<FlowRuleOperation> batchFor(int s, int first, int n) {
        Dpid dpid = Dpid.of(1 + s);
        List<FlowRuleOperation> ops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int id = first + i;
            FlowRule rule =
                    new FlowRule(
                            dpid,
                            0,
                            1000,
                            FlowMatch.ethDstOnly(HostFrames.mac(s, address(id))),
                            OUTPUTS.get(id % OUTPUTS.size()),
                            0,
                            0,
                            Cookies.make(Cookies.CORE_APP, id));
            ops.add(FlowRuleOperation.add(rule));
        }
        return ops;
    }

    private int address(int id) {
        return (tableSize > 0 ? id % tableSize : id) & 0xffffff;
    }

    private static double gcSeconds() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .mapToLong(gc -> Math.max(0, gc.getCollectionTime()))
                        .sum()
                / 1e3;
    }

    private static long flowMods(List<EmulatedSwitch> sws) {
        return sws.stream().mapToLong(s -> s.counters().flowMods.sum()).sum();
    }
}
