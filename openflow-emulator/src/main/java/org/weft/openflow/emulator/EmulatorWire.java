package org.weft.openflow.emulator;

import static com.google.common.base.Preconditions.checkState;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * An {@link EmulatedSwitch}'s control channel at the OpenFlow message level, for the driver's own
 * tests and the benchmarks, which speak OpenFlow themselves: the messages received (when recording
 * is on), sending any message or raw bytes, a hook on every message, and the Netty channel. Modules
 * that must not see OpenFlow types use {@link EmulatedSwitch}'s own methods instead ({@link
 * EmulatedSwitch#history()}, {@link EmulatedSwitch#rejectFlowModsWith}, ...).
 */
public final class EmulatorWire {

    private final EmulatedSwitch sw;
    private final OFFactory factory;
    private final boolean record;
    private final List<OFMessage> received = new CopyOnWriteArrayList<>();
    private volatile MessageHook messageHook;
    private volatile Channel channel;

    EmulatorWire(EmulatedSwitch sw, OFFactory factory, boolean record) {
        this.sw = sw;
        this.factory = factory;
        this.record = record;
    }

    /** The Loxi factory of the switch's OpenFlow version. */
    public OFFactory factory() {
        return factory;
    }

    /** Messages received from the controller (when recording is on), in order. */
    public List<OFMessage> received() {
        return List.copyOf(received);
    }

    public <T extends OFMessage> List<T> received(Class<T> type) {
        return received().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Forgets the messages received so far. */
    public void clearReceived() {
        received.clear();
    }

    void record(OFMessage m) {
        if (record) {
            received.add(m);
        }
    }

    /**
     * Calls the hook for every message the controller sends, after the switch handled it; null
     * removes it. The benchmarks use this to keep a window of packet-ins outstanding.
     */
    public void onMessage(MessageHook hook) {
        messageHook = hook;
    }

    MessageHook messageHook() {
        return messageHook;
    }

    /**
     * The control channel once {@link EmulatedSwitch#connect} succeeded (null before): for load
     * generators that write on it themselves, watch its writability or its closing.
     */
    public Channel channel() {
        return channel;
    }

    void channel(Channel c) {
        channel = c;
    }

    /** Sends a message to the controller as the switch. */
    public void send(OFMessage msg) {
        Channel c = channel;
        checkState(c != null, "switch %s is not connected", sw.dpid());
        c.writeAndFlush(msg);
    }

    /** Writes raw bytes on the control channel (to test the controller's handling of garbage). */
    public void sendRaw(byte[] bytes) {
        Channel c = channel;
        checkState(c != null, "switch %s is not connected", sw.dpid());
        c.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }
}
