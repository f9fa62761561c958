package org.weft.dist.overload;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a raw switch's socket on a thread of its own, for at most a given time: every message goes
 * to the handler first; what it does not handle is answered politely. Ends at the time limit, when
 * told to, or when the controller closes the connection.
 */
final class SwitchReader {

    private static final Logger log = LoggerFactory.getLogger(SwitchReader.class);

    /** Decides about one message from the controller; false: answer it politely. */
    @FunctionalInterface
    interface Handler {
        boolean handle(OFMessage m) throws IOException;
    }

    private final RawSwitch sw;
    private final Thread thread;
    private volatile boolean stop;

    private SwitchReader(RawSwitch sw, Duration maxRun, Handler handler) {
        this.sw = sw;
        this.thread = new Thread(() -> run(maxRun, handler), "reader-" + sw.name);
        thread.setDaemon(true);
    }

    static SwitchReader start(RawSwitch sw, Duration maxRun, Handler handler) {
        SwitchReader r = new SwitchReader(sw, maxRun, handler);
        r.thread.start();
        return r;
    }

    /** A reader that answers everything politely. */
    static SwitchReader polite(RawSwitch sw, Duration maxRun) {
        return start(sw, maxRun, m -> false);
    }

    private void run(Duration maxRun, Handler handler) {
        long end = System.nanoTime() + maxRun.toNanos();
        try {
            while (!stop && System.nanoTime() < end) {
                Optional<OFMessage> m = sw.poll();
                if (m.isPresent() && !handler.handle(m.get())) {
                    sw.answerPolitelyLater(m.get());
                }
            }
        } catch (IOException e) {
            log.debug("{}: reader ends: {}", sw.name, e.toString());
        }
    }

    /**
     * Stops reading (within the 100 ms read timeout) and waits for the thread: from then on nobody
     * reads this socket.
     */
    void stopAndJoin() throws InterruptedException {
        stop = true;
        thread.join(2_000);
        if (thread.isAlive()) {
            throw new IllegalStateException(sw.name + ": reader did not stop");
        }
    }

    boolean isRunning() {
        return thread.isAlive();
    }
}
