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

    boolean recording() {
        return record;
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

    /** Connections to further controllers ({@link EmulatedSwitch#connectAlso}). */
    private final java.util.List<Channel> others =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    void closeOthers() {
        others.forEach(c -> c.close().syncUninterruptibly());
    }

    void addOther(Channel c) {
        others.add(c);
        c.closeFuture().addListener(f -> others.remove(c));
    }

    /**
     * Sends a message to the controller as the switch; with several controllers, to each of them,
     * except packet-ins, which SLAVE connections do not get (OpenFlow 1.3, 6.3.7).
     */
    public void send(OFMessage msg) {
        Channel c = channel;
        checkState(c != null, "switch %s is not connected", sw.dpid());
        if (others.isEmpty()) {
            c.writeAndFlush(msg);
            return;
        }
        boolean packetIn =
                msg.getType() == org.projectfloodlight.openflow.protocol.OFType.PACKET_IN;
        java.util.List<Channel> all = new java.util.ArrayList<>(others);
        all.add(0, c);
        for (Channel ch : all) {
            EmulatorRoles.Connection role = ch.attr(EmulatorRoles.KEY).get();
            if (!packetIn || role == null || !role.isSlave()) {
                ch.writeAndFlush(msg);
            }
        }
    }

    /** Writes raw bytes on the control channel (to test the controller's handling of garbage). */
    public void sendRaw(byte[] bytes) {
        Channel c = channel;
        checkState(c != null, "switch %s is not connected", sw.dpid());
        c.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }
}
