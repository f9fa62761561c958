package org.weft.dist.overload;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.weft.net.Dpid;
import org.weft.net.device.ChannelStats;
import org.weft.net.device.DeviceService;

/**
 * Samples one switch's {@link ChannelStats} every 50 ms on a thread of its own while the scenario
 * runs (the counters vanish once the switch is disconnected, so they must be read while it is
 * connected): the last value seen and the highest back-pressure figures.
 */
final class ChannelWatch implements AutoCloseable {

    private final DeviceService devices;
    private final Dpid dpid;
    private final AtomicReference<ChannelStats> last = new AtomicReference<>();
    private final AtomicLong connectedSamples = new AtomicLong();
    private final AtomicLong presentSamples = new AtomicLong();
    private final AtomicLong maxOutbound = new AtomicLong();
    private final AtomicLong maxReadSuspensions = new AtomicLong();
    private final AtomicLong maxRequestTimeouts = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    ChannelWatch(DeviceService devices, Dpid dpid, long maxRunMillis) {
        this.devices = devices;
        this.dpid = dpid;
        this.thread = new Thread(() -> loop(maxRunMillis), "overload-channel-watch-" + dpid);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(long maxRunMillis) {
        long end = System.nanoTime() + maxRunMillis * 1_000_000;
        try {
            while (running && System.nanoTime() < end) {
                sampleOnce();
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the counters once (also called by the test at chosen moments). */
    Optional<ChannelStats> sampleOnce() {
        if (!devices.isConnected(dpid)) {
            return Optional.empty();
        }
        connectedSamples.incrementAndGet();
        Optional<ChannelStats> s = devices.channelStats(dpid);
        s.ifPresent(
                c -> {
                    presentSamples.incrementAndGet();
                    last.set(c);
                    maxOutbound.accumulateAndGet(c.outboundBytes(), Math::max);
                    maxReadSuspensions.accumulateAndGet(c.readSuspensions(), Math::max);
                    maxRequestTimeouts.accumulateAndGet(c.requestTimeouts(), Math::max);
                });
        return s;
    }

    /** The last counters read while the switch was connected, or null if none were offered. */
    ChannelStats last() {
        return last.get();
    }

    long connectedSamples() {
        return connectedSamples.get();
    }

    long presentSamples() {
        return presentSamples.get();
    }

    long maxOutboundBytes() {
        return maxOutbound.get();
    }

    long maxReadSuspensions() {
        return maxReadSuspensions.get();
    }

    long maxRequestTimeouts() {
        return maxRequestTimeouts.get();
    }

    @Override
    public String toString() {
        return "channelStats("
                + dpid
                + "): "
                + presentSamples.get()
                + " of "
                + connectedSamples.get()
                + " samples taken while connected offered counters; last "
                + last.get()
                + "; max outbound "
                + maxOutbound.get()
                + " B, max readSuspensions "
                + maxReadSuspensions.get()
                + ", max requestTimeouts "
                + maxRequestTimeouts.get();
    }

    @Override
    public void close() {
        running = false;
        OverloadBed.join(thread, 1_000);
    }
}
