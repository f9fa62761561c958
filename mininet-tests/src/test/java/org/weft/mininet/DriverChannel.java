package org.weft.mininet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The line protocol with the {@code weft_mininet.py} process: one JSON request per line on its
 * stdin, one JSON answer (with the request's id) per line on its stdout, read by a thread of its
 * own. Every request has a timeout; after a timeout, an unreadable answer or a dead process the
 * channel is broken and only {@link #close()} is allowed.
 */
final class DriverChannel {
    private static final String EOF = "\u0000EOF";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path log;
    private long nextId = 1;
    private boolean broken;
    private boolean closed;

    /** {@code log} is where the driver's stderr goes (named in error messages). */
    DriverChannel(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readLines, "mininet-driver-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Sends {@code cmd} with {@code args} and waits up to {@code timeout} for its answer.
     *
     * @return the answer (with {@code ok:true})
     * @throws MininetDriverException on {@code ok:false}, timeout, or a dead driver
     */
    synchronized JsonNode call(String cmd, Map<String, ?> args, Duration timeout) {
        JsonNode answer = request(cmd, args, timeout);
        if (!answer.path("ok").asBoolean(false)) {
            throw new MininetDriverException(
                    cmd + " failed: " + answer.path("error").asText(answer.toString()));
        }
        return answer;
    }

    /** Like {@link #call} but returns an {@code ok:false} answer instead of throwing. */
    synchronized JsonNode request(String cmd, Map<String, ?> args, Duration timeout) {
        if (closed || broken) {
            throw new MininetDriverException("driver is " + (closed ? "closed" : "broken"));
        }
        long id = nextId++;
        ObjectNode request = JSON.createObjectNode();
        request.put("id", id);
        request.put("cmd", cmd);
        request.setAll((ObjectNode) JSON.valueToTree(args));
        try {
            stdin.write(JSON.writeValueAsString(request) + "\n");
            stdin.flush();
        } catch (IOException e) {
            broken = true;
            throw new MininetDriverException("cannot send " + cmd + ": " + e + logHint(), e);
        }
        String line = poll(cmd, timeout);
        JsonNode answer;
        try {
            answer = JSON.readTree(line);
        } catch (IOException e) {
            broken = true;
            throw new MininetDriverException("unreadable answer to " + cmd + ": " + line, e);
        }
        if (answer.path("id").asLong(-1) != id) {
            broken = true;
            throw new MininetDriverException("answer to " + cmd + " has the wrong id: " + line);
        }
        return answer;
    }

    private String poll(String cmd, Duration timeout) {
        String line;
        try {
            line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broken = true;
            throw new MininetDriverException("interrupted waiting for " + cmd, e);
        }
        if (line == null) {
            broken = true;
            throw new MininetDriverException(
                    "no answer to " + cmd + " within " + timeout + logHint());
        }
        if (line.equals(EOF)) {
            broken = true;
            lines.add(EOF);
            throw new MininetDriverException("driver exited before answering " + cmd + logHint());
        }
        return line;
    }

    private String logHint() {
        return " (see " + log + ")";
    }

    private void readLines() {
        try (BufferedReader reader =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process went away; EOF below tells the caller
        } finally {
            lines.add(EOF);
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Stops the network (asks the driver, then SIGTERM and SIGKILL to the driver's own PID if
     * needed). Idempotent; closed afterwards even if stopping failed.
     */
    synchronized void close() {
        if (closed) {
            return;
        }
        try {
            if (!broken && process.isAlive()) {
                try {
                    request("stop", Map.of(), Duration.ofSeconds(60));
                } catch (MininetDriverException e) {
                    System.err.println("Mininet driver stop failed: " + e.getMessage());
                }
            }
            closed = true;
            try {
                stdin.close();
            } catch (IOException ignored) {
                // the driver may already be gone
            }
            stopProcess();
        } finally {
            closed = true;
        }
    }

    private void stopProcess() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
