package org.weft.mininet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The packaged controller, run as {@code java -jar weft.jar --openflow-port P --rest-port R} with
 * stdout and stderr in {@code weft.log} of the test's directory. Stopped by its own PID: SIGTERM,
 * then SIGKILL if it does not exit in time.
 */
public final class WeftProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    /** A log line at ERROR level, as logback and most layouts print it. */
    private static final Pattern ERROR_LINE = Pattern.compile("\\bERROR\\b");

    /** A stack trace frame, a "Caused by", or an exception header at the start of a line. */
    private static final Pattern STACK_TRACE =
            Pattern.compile(
                    "^(\\s+at [\\w$.<>/]+\\(.*\\)"
                            + "|Caused by: .*"
                            + "|Exception in thread .*"
                            + "|([\\w$]+\\.)+[\\w$]*(Exception|Error)(: .*)?)\\s*$");

    private final Process process;
    private final Path log;
    private final int openflowPort;
    private final int restPort;
    private final Thread killOnExit;

    private WeftProcess(Process process, Path log, int openflowPort, int restPort) {
        this.process = process;
        this.log = log;
        this.openflowPort = openflowPort;
        this.restPort = restPort;
        this.killOnExit = new Thread(process::destroyForcibly, "weft-kill-on-exit");
    }

    /** Starts the jar on free ports and waits until it listens on its OpenFlow port. */
    public static WeftProcess start(Path jar, Path dir) throws IOException {
        int openflowPort = freePort();
        int restPort = freePort();
        while (restPort == openflowPort) {
            restPort = freePort();
        }
        return start(jar, dir, openflowPort, restPort, "weft.log");
    }

    /**
     * Starts the jar on the given ports (to restart a controller where the switches look for it),
     * with its output in {@code dir/logName}.
     */
    public static WeftProcess start(
            Path jar, Path dir, int openflowPort, int restPort, String logName) throws IOException {
        return start(jar, dir, openflowPort, restPort, logName, List.of());
    }

    /** As {@link #start(Path, Path, int, int, String)}, with extra command-line arguments. */
    public static WeftProcess start(
            Path jar,
            Path dir,
            int openflowPort,
            int restPort,
            String logName,
            List<String> extraArgs)
            throws IOException {
        Path log = dir.resolve(logName);
        List<String> command =
                new java.util.ArrayList<>(
                        List.of(
                                javaExecutable(),
                                "-jar",
                                jar.toString(),
                                "--openflow-port",
                                Integer.toString(openflowPort),
                                "--rest-port",
                                Integer.toString(restPort)));
        command.addAll(extraArgs);
        Files.writeString(
                dir.resolve("weft.cmdline"),
                String.join(" ", command) + "\n",
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        // The tests read the token Weft generates in its data directory; a WEFT_API_TOKEN in the
        // caller's environment would win over it and change their outcome.
        builder.environment().remove("WEFT_API_TOKEN");
        Process process = builder.start();
        WeftProcess weft = new WeftProcess(process, log, openflowPort, restPort);
        // If the test JVM dies without teardown, do not leave the controller running.
        Runtime.getRuntime().addShutdownHook(weft.killOnExit);
        try {
            Wait.until(
                    "Weft (pid " + process.pid() + ") listens on OpenFlow port " + openflowPort,
                    START_TIMEOUT,
                    () -> {
                        if (!process.isAlive()) {
                            throw new AssertionError(
                                    "Weft exited with "
                                            + process.exitValue()
                                            + " before listening; log tail:\n"
                                            + weft.tail(30));
                        }
                        return TcpListeners.isListening(openflowPort);
                    },
                    () -> "log tail:\n" + weft.tail(30));
        } catch (AssertionError e) {
            weft.stop();
            throw e;
        }
        return weft;
    }

    public int openflowPort() {
        return openflowPort;
    }

    public int restPort() {
        return restPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** Stops the controller if it still runs; returns its exit code (-1 if it had to be killed). */
    public int stop() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // JVM already shutting down, or the hook was removed by an earlier stop()
        }
        try {
            if (process.isAlive()) {
                process.destroy(); // SIGTERM to this PID
                if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly(); // SIGKILL to this PID
                    process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    return -1;
                }
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    /** {@code kill -9} of this PID (no shutdown: sockets and sessions are left to time out). */
    public void kill() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // JVM already shutting down, or the hook was removed by an earlier stop()
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("Weft (pid " + process.pid() + ") survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Lines of the controller log that hold ERROR or look like part of a stack trace. */
    public List<String> problemLines() {
        return problemLines(readLog());
    }

    /** ERROR lines and stack-trace lines of {@code logText}, with their line numbers. */
    static List<String> problemLines(List<String> logText) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < logText.size(); i++) {
            String line = logText.get(i);
            if (ERROR_LINE.matcher(line).find() || STACK_TRACE.matcher(line).matches()) {
                problems.add((i + 1) + ": " + line);
            }
        }
        return problems;
    }

    /** Last {@code n} lines of the controller log. */
    public String tail(int n) {
        List<String> lines = readLog();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    private List<String> readLog() {
        try {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
