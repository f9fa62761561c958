package org.weft.dist.overload;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The brake: once Weft has run the JVM out of memory (an OutOfMemoryError seen anywhere, the live
 * heap or direct memory all but exhausted), the scenario has failed already, and a JVM left
 * thrashing in garbage collection would hang the suite instead of reporting. So this thread, ready
 * from the start, closes every hostile switch at once; if the memory does not come back within 5 s,
 * it closes Weft too. The test then goes on to its assertions, which fail saying why.
 */
final class Emergency {

    private static final Logger log = LoggerFactory.getLogger(Emergency.class);

    /** Heap left by a collection above this: the bound is broken, the JVM about to fail. */
    static final long HEAP_LIMIT = OverloadBed.HEAP_BOUND;

    /** More than this much collecting within {@link #GC_WINDOW_MS}: the JVM is thrashing. */
    static final long GC_TIME_LIMIT_MS = 1_000;

    static final long GC_WINDOW_MS = 2_000;

    /** Direct memory above this: Netty is about to fail allocating. */
    static final long DIRECT_LIMIT = 200 * MemoryWatch.MIB;

    private final List<AutoCloseable> hostiles = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> reason = new AtomicReference<>();
    private final CountDownLatch triggered = new CountDownLatch(1);
    private final Thread thread;
    private volatile Runnable lastResort = () -> {};
    private volatile MemoryWatch memory;
    private volatile long triggeredAtNanos;
    private volatile boolean stopped;

    Emergency(long maxRunMillis) {
        thread = new Thread(() -> run(maxRunMillis), "overload-emergency");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    /** Closes {@code c} in an emergency (at once if one is under way). */
    <T extends AutoCloseable> T register(T c) {
        hostiles.add(c);
        if (reason.get() != null) {
            closeQuietly(c);
        }
        return c;
    }

    /** What to do when closing the hostile switches did not give the memory back. */
    void lastResort(Runnable r) {
        lastResort = r;
    }

    /** Where to look whether the memory came back. */
    void watch(MemoryWatch m) {
        memory = m;
    }

    void trigger(String why) {
        if (reason.compareAndSet(null, why)) {
            triggeredAtNanos = System.nanoTime();
            triggered.countDown();
        }
    }

    /** Ends the thread without doing anything (the scenario is over). */
    void stop() {
        stopped = true;
        triggered.countDown();
    }

    /** Why the scenario was cut short, or null. */
    String reason() {
        return reason.get();
    }

    long triggeredAtNanos() {
        return triggeredAtNanos;
    }

    private void run(long maxRunMillis) {
        try {
            if (!triggered.await(maxRunMillis, TimeUnit.MILLISECONDS) || stopped) {
                return;
            }
            log.warn("Memory emergency ({}): closing the hostile switches", reason.get());
            hostiles.forEach(Emergency::closeQuietly);
            for (int i = 0; i < 20; i++) {
                Thread.sleep(250);
                MemoryWatch m = memory;
                long heap =
                        Math.min(
                                MemoryWatch.heapUsed(),
                                m == null ? Long.MAX_VALUE : m.lastHeapAfterGc());
                if (heap < OverloadBed.HEAP_BOUND / 2
                        && MemoryWatch.directUsed() < OverloadBed.DIRECT_BOUND) {
                    log.warn("Memory emergency: memory came back once the hostile switches left");
                    return;
                }
            }
            log.warn("Memory emergency: memory still exhausted 5 s later; closing Weft");
            lastResort.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | OutOfMemoryError e) {
            log.warn("Memory emergency handling failed: {}", e.toString());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception | OutOfMemoryError e) {
            log.debug("Emergency close failed: {}", e.toString());
        }
    }
}
