package org.weft.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.MessageHook;

/**
 * One emulated switch under load: keeps {@code window} packet-ins outstanding, sending the next one
 * whenever a packet-in is answered ({@link Answers}: a flow-mod with a buffer id, or a packet-out,
 * alone or after its flow-mod; a flow-mod + packet-out pair is one answer). A switch that saw no
 * answer for the stall time gets its window refilled, so a controller that drops some packet-ins
 * slows the run instead of stopping it.
 *
 * <p>With a window of 1 (latency mode) it times each packet-in to its answer, pairing them by the
 * stamp the frame carries and the answer sends back ({@link OutstandingPacketIn}): only an answer
 * with the outstanding packet-in's stamp is timed and lets the next one go. An answer to a
 * packet-in a refill gave up on is late, and one without a stamp of this run (an answer to the
 * hosts' announcements, which are unstamped) is unpaired; both are counted ({@link LoadCounts}),
 * never timed. (Pairing by destination MAC, as before, let a backlog of answers to the
 * announcements pair one by one with packet-ins just sent: the cursor walks the hosts in the order
 * they were announced.)
 */
final class LoadSwitch implements MessageHook {

    private final EmulatedSwitch sw;
    private final HostFrames frames;
    private final int window;
    private final Recorder latency;
    private final LoadCounts counts;
    private final AtomicInteger cursor = new AtomicInteger();
    private final LongAdder answers = new LongAdder();
    private final OutstandingPacketIn outstanding = new OutstandingPacketIn();
    private volatile boolean running;
    private volatile boolean featuresSeen;
    private volatile long lastAnswer; // throughput mode

    /**
     * @param latency records packet-in→answer times in nanoseconds (window must be 1), or null
     * @param counts stalls, late and unpaired answers, shared by all switches of the run
     */
    LoadSwitch(
            EmulatedSwitch sw, HostFrames frames, int window, Recorder latency, LoadCounts counts) {
        this.sw = sw;
        this.frames = frames;
        this.window = window;
        this.latency = latency;
        this.counts = counts;
        sw.wire().onMessage(this);
    }

    EmulatedSwitch emulated() {
        return sw;
    }

    /**
     * Packet-ins answered while running (the measured load); in latency mode the timed answers and
     * the late ones, not the unpaired (such as the announcements').
     */
    long answers() {
        return answers.sum();
    }

    /** Whether the controller asked for the switch's features (its handshake has begun). */
    boolean featuresSeen() {
        return featuresSeen;
    }

    /** Sends one frame from every host (so a learning controller knows them all), unstamped. */
    void announceHosts() {
        for (int h = 0; h < frames.size(); h++) {
            sw.sendPacketIn(frames.inPort(h), frames.frame(h));
        }
    }

    /** Fills the window and keeps it full until {@link #stop()}. */
    void start() {
        lastAnswer = System.nanoTime();
        running = true;
        if (latency != null) {
            sendStamped(outstanding.next());
            return;
        }
        fill();
    }

    void stop() {
        running = false;
    }

    /** Refills the window if no answer came for {@code stallNanos}; called by the run's clock. */
    void checkStall(long now, long stallNanos) {
        if (!running) {
            return;
        }
        if (latency != null) {
            long stamp = outstanding.refillIfStalled(now, stallNanos);
            if (stamp != 0) {
                counts.stalls.increment();
                sendStamped(stamp);
            }
            return;
        }
        if (now - lastAnswer > stallNanos) {
            lastAnswer = now;
            counts.stalls.increment();
            fill();
        }
    }

    private void fill() {
        for (int i = 0; i < window; i++) {
            sendNext();
        }
    }

    /** Throughput mode: the next host's frame, unstamped. */
    private void sendNext() {
        int h = Math.floorMod(cursor.getAndIncrement(), frames.size());
        sw.sendPacketIn(frames.inPort(h), frames.frame(h));
    }

    /** Sends packet-in {@code stamp} (from 1), host by host in turn. */
    private void sendStamped(long stamp) {
        int h = (int) ((stamp - 1) % frames.size());
        sw.sendPacketIn(frames.inPort(h), frames.stamped(h, stamp));
    }

    @Override
    public void received(EmulatedSwitch from, OFMessage msg) {
        if (msg.getType() == OFType.FEATURES_REQUEST) {
            featuresSeen = true;
        }
        if (!running || Answers.kind(msg) != Answers.Kind.ANSWER) {
            return;
        }
        long now = System.nanoTime();
        if (latency == null) {
            answers.increment();
            lastAnswer = now;
            sendNext();
            return;
        }
        long stamp = Answers.stamp(msg);
        long nanos = stamp == -1 ? OutstandingPacketIn.UNKNOWN : outstanding.answer(stamp, now);
        if (nanos == OutstandingPacketIn.UNKNOWN) {
            counts.unpaired.increment();
            return;
        }
        answers.increment();
        if (nanos == OutstandingPacketIn.LATE) {
            counts.late.increment();
            return;
        }
        latency.recordValue(nanos);
        sendStamped(stamp + 1);
    }
}
