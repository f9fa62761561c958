package org.weft.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * CPU time since a start: of the process, and of Weft's own threads (named {@code weft-*}, the
 * emulator's {@code weft-emulator-*} and {@code weft-fabric} excepted), by thread family.
 */
final class WeftCpuClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long startWall = System.nanoTime();
    private final long startProcess = processCpu();
    private final Map<Long, Long> startThreads = weftThreads();

    static WeftCpuClock start() {
        return new WeftCpuClock();
    }

    double wallSeconds() {
        return (System.nanoTime() - startWall) / 1e9;
    }

    double processCpuSeconds() {
        return (processCpu() - startProcess) / 1e9;
    }

    double weftCpuSeconds() {
        return weftCpuByFamily().values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Per family: the thread name without its trailing number ({@code weft-of-io}). */
    Map<String, Double> weftCpuByFamily() {
        Map<String, Double> out = new TreeMap<>();
        Map<Long, Long> now = weftThreads();
        for (ThreadInfo info : THREADS.getThreadInfo(toArray(now.keySet()))) {
            if (info == null) {
                continue;
            }
            long used =
                    now.get(info.getThreadId()) - startThreads.getOrDefault(info.getThreadId(), 0L);
            String family = info.getThreadName().replaceAll("[-0-9]+$", "");
            out.merge(family, used / 1e9, Double::sum);
        }
        return out;
    }

    private static long[] toArray(Set<Long> ids) {
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static Map<Long, Long> weftThreads() {
        Map<Long, Long> out = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            if (name.startsWith("weft-")
                    && !name.startsWith("weft-emulator")
                    && !name.startsWith("weft-fabric")) {
                long cpu = THREADS.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    out.put(info.getThreadId(), cpu);
                }
            }
        }
        return out;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
