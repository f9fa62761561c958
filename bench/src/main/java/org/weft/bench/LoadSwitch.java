package org.weft.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.MacAddress;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.MessageHook;

/**
 * One emulated switch under load: keeps {@code window} packet-ins outstanding, sending the next one
 * whenever a flow-mod arrives (the controller's answer). With a window of 1 it times each packet-in
 * to its flow-mod (latency mode), taking as the answer only a flow-mod whose match names the
 * frame's destination MAC (or leaves it wildcarded), so that a late or unrelated flow-mod is not
 * mistaken for it. A switch that saw no answer for the stall time gets its window refilled, so a
 * controller that drops some packet-ins slows the run instead of stopping it.
 */
final class LoadSwitch implements MessageHook {

    private final EmulatedSwitch sw;
    private final HostFrames frames;
    private final int window;
    private final Recorder latency;
    private final AtomicInteger cursor = new AtomicInteger();
    private final LongAdder stalls;
    private final LongAdder unmatched;
    private volatile long expectedDst = -1;
    private volatile boolean running;
    private volatile boolean featuresSeen;
    private volatile long sentAt;
    private volatile long lastAnswer;

    /**
     * @param latency records request→flow-mod times in nanoseconds (window must be 1), or null
     * @param stalls counts window refills after a stall, shared by all switches of the run
     * @param unmatched counts flow-mods ignored in latency mode (not for the outstanding frame)
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
        if (latency != null) {
            expectedDst = frames.dst(h).value();
            sentAt = System.nanoTime();
        }
        sw.sendPacketIn(frames.inPort(h), frames.frame(h));
    }

    @Override
    public void received(EmulatedSwitch from, OFMessage msg) {
        OFType type = msg.getType();
        if (type == OFType.FEATURES_REQUEST) {
            featuresSeen = true;
        }
        if (type != OFType.FLOW_MOD || !running) {
            return;
        }
        long now = System.nanoTime();
        if (latency != null) {
            MacAddress dst = ((OFFlowMod) msg).getMatch().get(MatchField.ETH_DST);
            if (dst != null && dst.getLong() != expectedDst) {
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
