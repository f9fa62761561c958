package org.weft.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time since a start of the threads whose names match, summed (threads started later count from
 * zero; threads that ended meanwhile are lost, so measure threads that outlive the run).
 */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Predicate<String> names;
    private final Map<Long, Long> start;

    private ThreadCpu(Predicate<String> names) {
        this.names = names;
        this.start = matching(names);
    }

    /** Starts measuring the threads whose names start with {@code prefix}. */
    static ThreadCpu named(String prefix) {
        return new ThreadCpu(n -> n.startsWith(prefix));
    }

    /** CPU seconds the matching threads used since the start. */
    double seconds() {
        long used = 0;
        for (Map.Entry<Long, Long> e : matching(names).entrySet()) {
            used += e.getValue() - start.getOrDefault(e.getKey(), 0L);
        }
        return used / 1e9;
    }

    /** The calling thread's CPU time in nanoseconds (to measure a section on one thread). */
    static long currentThreadNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static Map<Long, Long> matching(Predicate<String> names) {
        Map<Long, Long> out = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && names.test(info.getThreadName())) {
                long cpu = THREADS.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    out.put(info.getThreadId(), cpu);
                }
            }
        }
        return out;
    }
}
