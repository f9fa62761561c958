package org.weft.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's process on this machine, by PID: threads and resident memory from {@code
 * /proc/PID/status}, the Java heap from {@code jcmd PID GC.heap_info} (the JDK's jcmd, attaching as
 * the same user). Every figure is -1 when it cannot be read; the reason is logged.
 */
final class ControllerProcess {

    private static final Logger log = LoggerFactory.getLogger(ControllerProcess.class);
    private static final long JCMD_LIMIT_S = 15;

    /** A generation or region line: "garbage-first heap total 262144K, used 27113K [...". */
    private static final Pattern HEAP_LINE =
            Pattern.compile("^\\s*(.+?)\\s+total\\s+(\\d+)K,\\s+used\\s+(\\d+)K");

    private final long pid;

    ControllerProcess(long pid) {
        this.pid = pid;
    }

    long pid() {
        return pid;
    }

    /** Threads of the process now. */
    int threads() {
        return (int) statusField("Threads:");
    }

    /** Resident memory in MiB now. */
    long rssMib() {
        long kib = statusField("VmRSS:");
        return kib < 0 ? -1 : kib / 1024;
    }

    /**
     * The heap now, without forcing a collection: used and committed MiB summed over the
     * generations jcmd lists (G1 lists one region set; Serial and Parallel a young and an old
     * generation), or null.
     */
    Heap heap() {
        String out = jcmd("GC.heap_info");
        if (out == null) {
            return null;
        }
        long total = 0;
        long used = 0;
        boolean any = false;
        for (String line : out.split("\n")) {
            Matcher m = HEAP_LINE.matcher(line);
            if (m.find() && !m.group(1).contains("Metaspace") && !m.group(1).contains("class")) {
                total += Long.parseLong(m.group(2));
                used += Long.parseLong(m.group(3));
                any = true;
            }
        }
        if (!any) {
            log.warn("jcmd {} GC.heap_info: no heap figures in its output:\n{}", pid, out);
            return null;
        }
        return new Heap(used / 1024, total / 1024);
    }

    /** Used and committed heap in MiB. */
    record Heap(long usedMib, long committedMib) {}

    private long statusField(String name) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.ISO_8859_1)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
            log.warn("{} has no {} line", status, name);
        } catch (IOException | NumberFormatException e) {
            log.warn("Cannot read {} from {}: {}", name, status, e.toString());
        }
        return -1;
    }

    private String jcmd(String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> cmd =
                List.of(
                        Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd",
                        Long.toString(pid),
                        command);
        Path out = null;
        try {
            out = Files.createTempFile("weft-bench-jcmd", ".txt");
            Process p =
                    new ProcessBuilder(cmd)
                            .redirectErrorStream(true)
                            .redirectOutput(out.toFile())
                            .start();
            if (!p.waitFor(JCMD_LIMIT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                log.warn("{} did not finish within {} s", cmd, JCMD_LIMIT_S);
                return null;
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                log.warn("{} exited with {}: {}", cmd, p.exitValue(), text.strip());
                return null;
            }
            return text;
        } catch (IOException e) {
            log.warn("Cannot run {}: {}", cmd, e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while running {}", cmd);
            return null;
        } finally {
            deleteQuietly(out);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("Cannot delete {}: {}", file, e.toString());
        }
    }
}
