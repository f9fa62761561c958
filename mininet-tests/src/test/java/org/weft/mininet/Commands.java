package org.weft.mininet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short external commands with a time limit. */
final class Commands {
    private Commands() {}

    /** Exit code and merged stdout/stderr of a finished command; exit code -1 on timeout. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs {@code command}, killing it (by its own PID) if it outlives {@code timeout}. */
    static Result run(Duration timeout, List<String> command) {
        Path out = null;
        Process process = null;
        try {
            out = Files.createTempFile("weft-cmd", ".txt");
            process =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(out.toFile())
                            .redirectInput(
                                    ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                            .start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            return new Result(finished ? process.exitValue() : -1, text);
        } catch (IOException e) {
            return new Result(-1, command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (process != null) {
                process.destroyForcibly();
            }
            return new Result(-1, "interrupted");
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    /** Runs {@code command} and appends a header, its output and exit code to {@code log}. */
    static Result runLogged(Duration timeout, Path log, List<String> command) {
        Result result = run(timeout, command);
        String entry =
                String.format(
                        "$ %s%n%s%n[exit %d]%n",
                        String.join(" ", command), result.output(), result.exitCode());
        try {
            Files.writeString(
                    log,
                    entry,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("Cannot write " + log + ": " + e);
        }
        return result;
    }
}
