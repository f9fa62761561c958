package org.weft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CPU of the JVM's own native threads since a start, read from Linux's {@code /proc/self/task}: the
 * garbage collector's ({@code GC Thread#n}, {@code G1 ...}) and the JIT compilers' ({@code C1/C2
 * CompilerThread}), which {@link java.lang.management.ThreadMXBean} does not list. Unknown (-1)
 * where there is no {@code /proc}.
 */
final class JvmThreadCpu {

    private static final Logger log = LoggerFactory.getLogger(JvmThreadCpu.class);

    /** USER_HZ: the unit of {@code utime}/{@code stime} on Linux. */
    private static final double TICKS_PER_SECOND = 100;

    private static final Path TASKS = Path.of("/proc/self/task");

    private final Map<String, Long> start = ticksByFamily();

    static JvmThreadCpu start() {
        return new JvmThreadCpu();
    }

    /** CPU seconds of the garbage collector's threads since the start, -1 if unknown. */
    double gcSeconds() {
        return since("gc");
    }

    /** CPU seconds of the JIT compiler threads since the start, -1 if unknown. */
    double jitSeconds() {
        return since("jit");
    }

    private double since(String family) {
        Map<String, Long> now = ticksByFamily();
        if (now.isEmpty() || start.isEmpty()) {
            return -1;
        }
        return (now.getOrDefault(family, 0L) - start.getOrDefault(family, 0L)) / TICKS_PER_SECOND;
    }

    static String family(String comm) {
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
            return "gc";
        }
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
            return "jit";
        }
        return "other";
    }

    private static Map<String, Long> ticksByFamily() {
        Map<String, Long> out = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return out;
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(t -> add(t, out));
        } catch (IOException e) {
            log.debug("Cannot list {}: {}", TASKS, e.toString());
            out.clear();
        }
        return out;
    }

    private static void add(Path task, Map<String, Long> out) {
        try {
            String comm = Files.readString(task.resolve("comm")).strip();
            String stat = Files.readString(task.resolve("stat"));
            // Fields after the parenthesised name: state is field 3, utime 14, stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            out.merge(family(comm), ticks, Long::sum);
        } catch (IOException | RuntimeException e) {
            // The thread ended between listing and reading: its CPU is lost to the family.
            log.trace("Cannot read {}: {}", task, e.toString());
        }
    }
}
