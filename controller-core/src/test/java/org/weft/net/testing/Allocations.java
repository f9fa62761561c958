package org.weft.net.testing;

import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;

/** What code allocates on the calling thread (HotSpot's per-thread counter), for tests. */
public final class Allocations {

    private Allocations() {}

    /**
     * The least bytes one call of {@code body} allocated, in three rounds of {@code calls} calls
     * (the first rounds may run interpreted or compile; the least round is the steady one).
     */
    public static long bytesPerCall(int calls, IntConsumer body) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < calls; i++) {
                body.accept(i);
            }
            least = Math.min(least, (threads.getCurrentThreadAllocatedBytes() - before) / calls);
        }
        return least;
    }
}
