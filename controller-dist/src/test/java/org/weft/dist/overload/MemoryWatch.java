package org.weft.dist.overload;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the JVM's memory every 50 ms on a thread of its own and listens to every garbage
 * collection: heap used (raw, garbage included: at -Xmx256m G1 lets garbage pile up far past 200
 * MiB before collecting), the heap left after each collection (what the bound is about; with G1 it
 * still counts old-generation garbage that no mixed collection has reclaimed yet, so it errs on the
 * strict side), time spent collecting (thrashing), and direct memory (NIO buffer pool plus Netty's
 * own counter, where Netty's outbound buffers live). Tells the {@link Emergency} when the JVM is
 * about to fail.
 */
final class MemoryWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MemoryWatch.class);

    static final long MIB = 1024 * 1024;

    private final AtomicLong maxHeapUsed = new AtomicLong();
    private final AtomicLong maxHeapAfterGc = new AtomicLong();
    private volatile long lastHeapAfterGc;
    private final AtomicLong maxDirect = new AtomicLong();
    private final AtomicLong minorGcs = new AtomicLong();
    private final AtomicLong fullGcs = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final ArrayDeque<long[]> recentPauses = new ArrayDeque<>();
    private final Set<String> heapPools;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener gcListener = this::onGc;
    private final Thread sampler;
    private volatile boolean running = true;
    private final LogWatch oomSink;
    private final Emergency emergency;

    private MemoryWatch(LogWatch oomSink, Emergency emergency, long maxRunMillis) {
        this.oomSink = oomSink;
        this.emergency = emergency;
        heapPools =
                ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP)
                        .map(MemoryPoolMXBean::getName)
                        .collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(gcListener, null, null);
                emitters.add(e);
            }
        }
        sampler = new Thread(() -> sample(maxRunMillis), "overload-memory-sampler");
        sampler.setDaemon(true);
    }

    static MemoryWatch start(LogWatch oomSink, Emergency emergency, long maxRunMillis) {
        MemoryWatch w = new MemoryWatch(oomSink, emergency, maxRunMillis);
        w.sampler.start();
        return w;
    }

    private void sample(long maxRunMillis) {
        long end = System.nanoTime() + maxRunMillis * 1_000_000;
        try {
            while (running && System.nanoTime() < end) {
                maxHeapUsed.accumulateAndGet(heapUsed(), Math::max);
                long direct = directUsed();
                maxDirect.accumulateAndGet(direct, Math::max);
                if (direct > Emergency.DIRECT_LIMIT) {
                    emergency.trigger("direct memory at " + direct / MIB + " MiB");
                }
                samples.incrementAndGet();
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (OutOfMemoryError e) {
            oomSink.recordOom("memory sampler: " + e);
        }
    }

    private void onGc(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        Map<String, MemoryUsage> after = info.getGcInfo().getMemoryUsageAfterGc();
        long left =
                after.entrySet().stream()
                        .filter(e -> heapPools.contains(e.getKey()))
                        .mapToLong(e -> e.getValue().getUsed())
                        .sum();
        if (info.getGcAction().contains("major")) {
            fullGcs.incrementAndGet();
        } else {
            minorGcs.incrementAndGet();
        }
        maxHeapAfterGc.accumulateAndGet(left, Math::max);
        lastHeapAfterGc = left;
        if (left > Emergency.HEAP_LIMIT) {
            emergency.trigger(
                    "heap at "
                            + left / MIB
                            + " MiB after a collection ("
                            + info.getGcAction()
                            + ")");
        }
        long inGc = gcTimeInWindow(info.getGcInfo().getEndTime(), info.getGcInfo().getDuration());
        if (inGc > Emergency.GC_TIME_LIMIT_MS) {
            emergency.trigger(
                    "the JVM spent "
                            + inGc
                            + " ms of the last "
                            + Emergency.GC_WINDOW_MS
                            + " ms collecting garbage; heap at "
                            + left / MIB
                            + " MiB");
        }
    }

    /** Milliseconds spent collecting in the window ending at {@code endMillis} (JVM uptime). */
    private synchronized long gcTimeInWindow(long endMillis, long durationMillis) {
        recentPauses.addLast(new long[] {endMillis, durationMillis});
        while (recentPauses.peekFirst()[0] < endMillis - Emergency.GC_WINDOW_MS) {
            recentPauses.removeFirst();
        }
        long sum = 0;
        for (long[] p : recentPauses) {
            sum += p[1];
        }
        return sum;
    }

    static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Direct memory in use: the JDK's direct buffer pool plus Netty's cleaner-less buffers. */
    static long directUsed() {
        long pool = 0;
        for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) {
                pool += b.getMemoryUsed();
            }
        }
        long netty = io.netty.util.internal.PlatformDependent.usedDirectMemory();
        return pool + Math.max(0, netty);
    }

    /** Heap used right after a full collection, now. */
    static long heapAfterFullGc() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        System.gc();
        return heapUsed();
    }

    long maxHeapUsed() {
        return maxHeapUsed.get();
    }

    /** The largest heap left by a collection (the live heap at its peak); 0 if none ran. */
    long maxHeapAfterGc() {
        return maxHeapAfterGc.get();
    }

    /** The heap left by the latest collection. */
    long lastHeapAfterGc() {
        return lastHeapAfterGc;
    }

    long fullGcs() {
        return fullGcs.get();
    }

    long minorGcs() {
        return minorGcs.get();
    }

    long maxDirect() {
        return maxDirect.get();
    }

    long samples() {
        return samples.get();
    }

    @Override
    public void close() {
        running = false;
        OverloadBed.join(sampler, 1_000);
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(gcListener);
            } catch (ListenerNotFoundException ex) {
                log.debug("GC listener already gone: {}", ex.toString());
            }
        }
    }
}
