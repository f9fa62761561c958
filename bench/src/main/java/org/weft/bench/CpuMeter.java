package org.weft.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The generator's own CPU time (all threads of this JVM), so a report shows whether the generator
 * or the controller was the bottleneck.
 */
final class CpuMeter {

    private final long startCpu;
    private final long startWall;

    private CpuMeter(long startCpu, long startWall) {
        this.startCpu = startCpu;
        this.startWall = startWall;
    }

    static CpuMeter start() {
        return new CpuMeter(processCpuNanos(), System.nanoTime());
    }

    /** CPU seconds used since {@link #start()}, or -1 when the JVM cannot tell. */
    double cpuSeconds() {
        long now = processCpuNanos();
        return now < 0 || startCpu < 0 ? -1 : (now - startCpu) / 1e9;
    }

    double wallSeconds() {
        return (System.nanoTime() - startWall) / 1e9;
    }

    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
