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
 * alone or after its flow-mod; a flow-mod + packet-out pair is one answer). With a window of 1 it
 * times each packet-in to its answer (latency mode), taking as the answer only one that sends back
 * the frame's stamp (a sequence number per switch at the end of the frame, {@link
 * HostFrames#stamped}), or, for an answer without the frame, names its destination MAC or does not
 * say; so a late answer to an earlier packet-in (one the stall refill gave up on, for the same
 * destination a cycle of hosts before) is not mistaken for it. A switch that saw no answer for the
 * stall time gets its window refilled, so a controller that drops some packet-ins slows the run
 * instead of stopping it.
 */
final class LoadSwitch implements MessageHook {

    private final EmulatedSwitch sw;
    private final HostFrames frames;
    private final int window;
    private final Recorder latency;
    private final AtomicInteger cursor = new AtomicInteger();
    private final LongAdder stalls;
    private final LongAdder unmatched;
    private final LongAdder answers = new LongAdder();
    private volatile long expectedDst = -1;

    /** Latency mode: the stamp of the frame sent last ({@link HostFrames#stamped}); 0 before. */
    private volatile long expectedStamp;

    private long lastStamp; // guarded by this
    private volatile boolean running;
    private volatile boolean featuresSeen;
    private volatile long sentAt;
    private volatile long lastAnswer;

    /**
     * @param latency records request→flow-mod times in nanoseconds (window must be 1), or null
     * @param stalls counts window refills after a stall, shared by all switches of the run
     * @param unmatched counts answers ignored in latency mode (not for the outstanding frame)
     */
    LoadSwitch(
            EmulatedSwitch sw,
            HostFrames frames,
            int window,
            Recorder latency,
            LongAdder stalls,
            LongAdder unmatched) {
        this.sw = sw;
        this.frames = frames;
        this.window = window;
        this.latency = latency;
        this.stalls = stalls;
        this.unmatched = unmatched;
        sw.wire().onMessage(this);
    }

    EmulatedSwitch emulated() {
        return sw;
    }

    /** Packet-ins answered while running (the measured load; announcements not counted). */
    long answers() {
        return answers.sum();
    }

    /** Whether the controller asked for the switch's features (its handshake has begun). */
    boolean featuresSeen() {
        return featuresSeen;
    }

    /** Sends one frame from every host (so a learning controller knows them all). */
    void announceHosts() {
        for (int h = 0; h < frames.size(); h++) {
            sw.sendPacketIn(frames.inPort(h), frames.frame(h));
        }
    }

    /** Fills the window and keeps it full until {@link #stop()}. */
    void start() {
        lastAnswer = System.nanoTime();
        running = true;
        fill();
    }

    void stop() {
        running = false;
    }

    /** Refills the window if no answer came for {@code stallNanos}; called by the run's clock. */
    void checkStall(long now, long stallNanos) {
        if (running && now - lastAnswer > stallNanos) {
            lastAnswer = now;
            stalls.increment();
            sentAt = 0;
            fill();
        }
    }

    private void fill() {
        for (int i = 0; i < window; i++) {
            sendNext();
        }
    }

    private void sendNext() {
        int h = Math.floorMod(cursor.getAndIncrement(), frames.size());
        if (latency == null) {
            sw.sendPacketIn(frames.inPort(h), frames.frame(h));
            return;
        }
        byte[] frame;
        synchronized (this) { // the clock's refill and the answer's next send may meet
            long stamp = ++lastStamp;
            frame = frames.stamped(h, stamp);
            expectedDst = frames.dst(h).value();
            expectedStamp = stamp;
            sentAt = System.nanoTime();
        }
        sw.sendPacketIn(frames.inPort(h), frame);
    }

    /**
     * Whether an answer is for the packet-in outstanding now: its frame's stamp when it sends one
     * back (a late answer to an earlier packet-in for the same destination is not), else its
     * destination MAC when it names one.
     */
    private boolean answersOutstanding(OFMessage answer) {
        long stamp = Answers.stamp(answer);
        if (stamp != -1) {
            return stamp == expectedStamp;
        }
        long dst = Answers.destination(answer);
        return dst == -1 || dst == expectedDst;
    }

    @Override
    public void received(EmulatedSwitch from, OFMessage msg) {
        OFType type = msg.getType();
        if (type == OFType.FEATURES_REQUEST) {
            featuresSeen = true;
        }
        if (!running || Answers.kind(msg) != Answers.Kind.ANSWER) {
            return;
        }
        answers.increment();
        long now = System.nanoTime();
        if (latency != null) {
            if (!answersOutstanding(msg)) {
                unmatched.increment();
                return;
            }
            lastAnswer = now;
            long t = sentAt;
            if (t == 0) {
                return; // a late answer to a packet-in already given up on
            }
            sentAt = 0;
            latency.recordValue(now - t);
        } else {
            lastAnswer = now;
        }
        sendNext();
    }
}
