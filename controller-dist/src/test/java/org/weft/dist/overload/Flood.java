package org.weft.dist.overload;

import java.io.IOException;
import java.time.Duration;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hostile switch writing as fast as its socket takes, on a thread of its own, bounded in time,
 * bytes and messages: chunk {@code i} (whole messages, {@code messagesPerChunk} of them) is written
 * with one call. Stops early when the controller closes the connection.
 */
final class Flood {

    private static final Logger log = LoggerFactory.getLogger(Flood.class);

    private final RawSwitch sw;
    private final String what;
    private final Thread thread;
    private final long maxTimeNanos;
    private volatile long startNanos;
    private volatile long endNanos;
    private volatile String endReason = "running";
    private volatile long chunks;
    private volatile long sent;
    private volatile long sentBytes;
    private volatile boolean stop;
    private volatile long pauseMillis;

    private Flood(
            RawSwitch sw,
            String what,
            Duration maxTime,
            long maxBytes,
            long maxMessages,
            LongFunction<byte[]> chunk,
            int messagesPerChunk) {
        this.sw = sw;
        this.what = what;
        this.maxTimeNanos = maxTime.toNanos();
        this.thread =
                new Thread(
                        () -> run(maxBytes, maxMessages, chunk, messagesPerChunk),
                        "flood-" + sw.name);
        thread.setDaemon(true);
    }

    static Flood start(
            RawSwitch sw,
            String what,
            Duration maxTime,
            long maxBytes,
            long maxMessages,
            LongFunction<byte[]> chunk,
            int messagesPerChunk) {
        return paced(sw, what, maxTime, maxBytes, maxMessages, chunk, messagesPerChunk, 0);
    }

    /** A flood that sleeps {@code pauseMillis} after every chunk (a trickle, really). */
    static Flood paced(
            RawSwitch sw,
            String what,
            Duration maxTime,
            long maxBytes,
            long maxMessages,
            LongFunction<byte[]> chunk,
            int messagesPerChunk,
            long pauseMillis) {
        Flood f = new Flood(sw, what, maxTime, maxBytes, maxMessages, chunk, messagesPerChunk);
        f.pauseMillis = pauseMillis;
        f.startNanos = System.nanoTime();
        f.thread.start();
        return f;
    }

    private void run(
            long maxBytes, long maxMessages, LongFunction<byte[]> chunk, int messagesPerChunk) {
        long deadline = startNanos + maxTimeNanos;
        long bytes = 0;
        long messages = 0;
        String reason;
        try {
            for (long i = 0; ; i++) {
                if (stop) {
                    reason = "stopped by the test";
                    break;
                }
                if (System.nanoTime() >= deadline) {
                    reason = "time limit";
                    break;
                }
                if (bytes >= maxBytes) {
                    reason = "byte limit";
                    break;
                }
                if (messages >= maxMessages) {
                    reason = "message limit";
                    break;
                }
                byte[] b = chunk.apply(i);
                sw.sendRaw(b, messagesPerChunk);
                bytes += b.length;
                messages += messagesPerChunk;
                chunks = i + 1;
                sent = messages;
                sentBytes = bytes;
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "interrupted";
        } catch (IOException e) {
            reason = sw.peerClosed() ? "controller closed the connection" : "write failed: " + e;
        } catch (OutOfMemoryError e) {
            reason = "OutOfMemoryError in the flood itself";
        }
        endNanos = System.nanoTime();
        endReason = reason;
        log.info(
                "{} {}: {} messages, {} MiB in {} ms, ended by {}",
                sw.name,
                what,
                messages,
                bytes / MemoryWatch.MIB,
                (endNanos - startNanos) / 1_000_000,
                reason);
    }

    /**
     * Waits for the flood to end by itself (its time limit plus {@code grace}); a writer still
     * blocked then (the controller stopped reading) is released by closing the switch's socket.
     */
    void await(Duration grace) throws InterruptedException {
        long wait = (startNanos + maxTimeNanos - System.nanoTime()) / 1_000_000 + grace.toMillis();
        thread.join(Math.max(1, wait));
        if (thread.isAlive()) {
            stop = true;
            log.info("{}: writer blocked at its time limit; closing its socket", sw.name);
            sw.close();
            thread.join(5_000);
        }
    }

    /** Stops writing after the chunk being written. */
    void stop() {
        stop = true;
    }

    long startNanos() {
        return startNanos;
    }

    /** When the flood ended, or 0 while it runs. */
    long endNanos() {
        return endNanos;
    }

    String endReason() {
        return endReason;
    }

    long chunks() {
        return chunks;
    }

    /** Messages this flood has written (whole chunks accepted by the socket). */
    long messagesSent() {
        return sent;
    }

    /** Bytes this flood has written. */
    long bytesSent() {
        return sentBytes;
    }

    boolean isRunning() {
        return thread.isAlive();
    }
}
