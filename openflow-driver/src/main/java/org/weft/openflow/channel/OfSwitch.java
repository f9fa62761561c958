package org.weft.openflow.channel;

import com.google.common.collect.ImmutableSortedMap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;
import org.weft.net.cluster.NotMasterException;
import org.weft.net.device.ChannelStats;
import org.weft.net.device.Device;
import org.weft.net.device.Port;
import org.weft.net.flow.BatchResult;
import org.weft.openflow.OfLimits;

/**
 * One switch's control connection after the handshake: its identity, negotiated version, ports, and
 * the means to send messages and wait for what they cause (replies, barriers, errors). Thread-safe.
 */
public final class OfSwitch {

    private static final Logger log = LoggerFactory.getLogger(OfSwitch.class);

    private static final long MAX_XID = 0xffffffffL;

    private final Channel channel;
    private final OFFactory factory;
    private final Dpid dpid;
    private final long connectedAtMillis;
    private final String remoteAddress;

    /** Handshake messages use xids below this. */
    private static final long FIRST_XID = 0x100;

    private final AtomicLong nextXid = new AtomicLong(FIRST_XID);
    private final PendingRequests pending;
    private volatile ImmutableSortedMap<PortNumber, Port> ports;
    private volatile long rttNanos = -1;

    /** Whether this instance may write to the switch (false: another instance masters it). */
    private volatile boolean master = true;

    private final ChannelCounters counters;
    private final OfLimits limits;
    private final int tables;
    private final BatchWrites writes;
    private final ReadAnswers answers;

    OfSwitch(
            Channel channel,
            OFFactory factory,
            Dpid dpid,
            int tables,
            List<Port> ports,
            OfLimits limits,
            ChannelCounters counters,
            java.util.function.Consumer<OfSwitch> onTimeout) {
        this.channel = channel;
        this.factory = factory;
        this.dpid = dpid;
        this.tables = tables;
        this.connectedAtMillis = System.currentTimeMillis();
        this.remoteAddress = String.valueOf(channel.remoteAddress()).replaceFirst("^/", "");
        this.counters = counters;
        this.limits = limits;
        this.pending =
                new PendingRequests(
                        dpid,
                        limits,
                        counters,
                        () -> onTimeout.accept(this),
                        (sweep, delayNanos) ->
                                channel.eventLoop()
                                        .schedule(
                                                sweep,
                                                delayNanos,
                                                java.util.concurrent.TimeUnit.NANOSECONDS),
                        System::nanoTime);
        this.writes = new BatchWrites(this, channel, pending, limits);
        this.answers = new ReadAnswers(channel);
        Map<PortNumber, Port> byNumber = new TreeMap<>();
        ports.forEach(p -> byNumber.put(p.number(), p));
        this.ports = ImmutableSortedMap.copyOf(byNumber);
    }

    public Dpid dpid() {
        return dpid;
    }

    public OFFactory factory() {
        return factory;
    }

    public OFVersion version() {
        return factory.getVersion();
    }

    /** The tables the switch reported (FEATURES_REPLY n_tables). */
    public int tables() {
        return tables;
    }

    /**
     * Whether Weft runs a policy stage before forwarding on this switch: OpenFlow 1.3 or later with
     * 2 tables or more (see {@link org.weft.openflow.translate.OfTables}).
     */
    public boolean policyStage() {
        return hasPolicyStage(factory.getVersion(), tables);
    }

    static boolean hasPolicyStage(OFVersion version, int tables) {
        return version != OFVersion.OF_10 && tables >= 2;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public boolean isConnected() {
        return channel.isActive();
    }

    /** The switch as core sees it now. */
    public Device toDevice() {
        return new Device(dpid, remoteAddress(), version().name(), connectedAtMillis, ports);
    }

    public ImmutableSortedMap<PortNumber, Port> ports() {
        return ports;
    }

    /** Records a port added or changed (from PORT_STATUS); the event loop is the only writer. */
    void updatePort(Port port) {
        ports = toDevice().withPort(port).ports();
    }

    void removePort(PortNumber number) {
        ports = toDevice().withoutPort(number).ports();
    }

    /** Whether this instance may program the switch (always, unless Weft runs as a cluster). */
    public boolean isMaster() {
        return master;
    }

    /**
     * Records this instance's role on the switch. Set to true when the MASTER role request is sent
     * (the switch handles messages in order, so what follows it is the master's), to false before a
     * SLAVE request or when the switch refused the MASTER one.
     */
    public void setMaster(boolean master) {
        this.master = master;
    }

    /** The channel's counters now (packet-ins admitted and dropped, back-pressure, timeouts). */
    public ChannelStats channelStats() {
        return counters.snapshot(channel);
    }

    /**
     * Tells the channel's decoder how to see that the apps' queue for this switch is full: while
     * {@code full} says so, its packet-ins are dropped unparsed, and reading pauses as for the
     * admission bucket, instead of being parsed only to be dropped.
     */
    public void watchPacketInBacklog(BooleanSupplier full) {
        channel.attr(PacketInAdmission.BACKLOG_FULL).set(full);
    }

    /**
     * Counts a packet-in that was admitted but could not be handed to the apps (their queue for
     * this switch was full): it is dropped.
     */
    public void countPacketInDropped() {
        counters.packetInsAdmitted.decrement();
        counters.packetInsDropped.increment();
    }

    /** Smoothed echo round-trip time in nanoseconds, or -1 before the first measurement. */
    public long controlRttNanos() {
        return rttNanos;
    }

    /** Folds one echo round trip into the smoothed RTT (EWMA, weight 1/4 for the new sample). */
    void recordRtt(long sampleNanos) {
        long old = rttNanos;
        rttNanos = old < 0 ? sampleNanos : old + (sampleNanos - old) / 4;
    }

    /** Reserves {@code count} consecutive xids and returns the first. */
    public long reserveXids(int count) {
        while (true) {
            long first = nextXid.get();
            long next = first + count;
            if (next > MAX_XID) {
                if (nextXid.compareAndSet(first, FIRST_XID)) {
                    continue;
                }
            } else if (nextXid.compareAndSet(first, next)) {
                return first;
            }
        }
    }

    /**
     * Sends messages in one write, without a barrier. Silently dropped if the channel is closed.
     */
    public void sendAll(List<OFMessage> msgs) {
        answers.send();
        channel.writeAndFlush(msgs, channel.voidPromise());
    }

    /** A buffer for messages the caller encodes itself and sends with {@link #sendBytes}. */
    public ByteBuf buffer(int capacity) {
        return channel.alloc().ioBuffer(capacity);
    }

    /**
     * Sends encoded messages (whole ones) in one write, without a barrier. Silently dropped (and
     * the buffer released) if the channel is closed.
     */
    public void sendBytes(ByteBuf messages) {
        answers.send();
        channel.writeAndFlush(messages, channel.voidPromise());
    }

    /**
     * Where a packet-in's answer is encoded ({@link ReadAnswers#buffer}, then {@link
     * ReadAnswers#written} or {@link ReadAnswers#abandon}): answers made on the switch's event loop
     * while it reads packet-ins go out in one write when the read ends.
     */
    public ReadAnswers answers() {
        return answers;
    }

    /** Sends one message and flushes. Silently dropped if the channel is closed. */
    public void send(OFMessage msg) {
        answers.send();
        channel.writeAndFlush(msg, channel.voidPromise());
    }

    /** Sends a message built with a fresh xid and returns the reply with that xid. */
    public CompletableFuture<OFMessage> request(LongFunction<OFMessage> withXid) {
        if (!channel.isActive()) {
            return CompletableFuture.failedFuture(new DeviceNotConnectedException(dpid));
        }
        long xid = reserveXids(1);
        CompletableFuture<OFMessage> reply = pending.expectReply(xid);
        send(withXid.apply(xid));
        if (!channel.isActive()) {
            pending.failAll();
        }
        return reply;
    }

    /**
     * Sends a multipart (stats) request built with a fresh xid; completes with every reply part.
     */
    public CompletableFuture<List<OFStatsReply>> requestMultipart(LongFunction<OFMessage> withXid) {
        if (!channel.isActive()) {
            return CompletableFuture.failedFuture(new DeviceNotConnectedException(dpid));
        }
        long xid = reserveXids(1);
        CompletableFuture<List<OFStatsReply>> reply = pending.expectMultipart(xid);
        send(withXid.apply(xid));
        if (!channel.isActive()) {
            pending.failAll();
        }
        return reply;
    }

    /** Sends an echo request; completes with the reply. */
    public CompletableFuture<OFMessage> echo() {
        return request(xid -> factory.buildEchoRequest().setXid(xid).build());
    }

    /** Builds the message at {@code index} of a batch, with its xid. */
    @FunctionalInterface
    public interface BatchMessages {
        /**
         * @throws IllegalArgumentException or {@link UnsupportedOperationException} when the
         *     message cannot be built for the switch; nothing of the batch is sent then
         */
        OFMessage build(int index, long xid);
    }

    /** Writes the message at {@code index} of a batch, with its xid, into the batch's buffer. */
    @FunctionalInterface
    public interface BatchWriter {
        /**
         * @throws IllegalArgumentException or {@link UnsupportedOperationException} when the
         *     message cannot be written for the switch; nothing of the batch is sent then
         */
        void write(int index, long xid, ByteBuf out);
    }

    /**
     * Sends {@code count} messages built with consecutive xids, then a barrier: encoded on the
     * calling thread straight into one pooled buffer, written and flushed once. Nothing is sent if
     * a message cannot be built.
     *
     * @return completes when the barrier reply arrives, with the decoded errors of the messages the
     *     switch rejected; fails at once with {@link NotMasterException} when this instance does
     *     not master the switch; fails when the channel closes first, or with a {@link
     *     java.util.concurrent.TimeoutException} after {@link OfLimits#requestTimeout()}
     * @throws IllegalArgumentException or {@link UnsupportedOperationException} from {@code
     *     messages}
     */
    public CompletableFuture<BatchResult> sendBatch(int count, BatchMessages messages) {
        return sendBatch(count, (index, xid, out) -> messages.build(index, xid).writeTo(out));
    }

    /**
     * As {@link #sendBatch(int, BatchMessages)}, each message written straight into the batch's
     * buffer by {@code writer} (no message object needed).
     */
    public CompletableFuture<BatchResult> sendBatch(int count, BatchWriter writer) {
        return writes.send(List.of(new BurstBatch(count, writer)), true).get(0);
    }

    /** One batch of a burst: {@code count} messages written by {@code writer}, then a barrier. */
    public record BurstBatch(int count, BatchWriter writer) {}

    /**
     * Sends several batches in one write and one flush: as {@link #sendBatch(int, BatchWriter)}
     * each, with xids of its own and its own barrier, all encoded on the calling thread into one
     * pooled buffer. A batch whose writer throws {@link IllegalArgumentException} or {@link
     * UnsupportedOperationException} fails alone (nothing of it is sent); the others go.
     *
     * @return one future per batch, in order, each as {@link #sendBatch(int, BatchWriter)}'s
     */
    public List<CompletableFuture<BatchResult>> sendBurst(List<BurstBatch> batches) {
        return writes.send(batches, false);
    }

    /** Tracks messages already sent with xids {@code firstXid..barrierXid} (the handshake's). */
    CompletableFuture<BatchResult> expectBatch(long firstXid, long barrierXid) {
        return pending.expectBarrier(firstXid, barrierXid);
    }

    boolean onReply(OFMessage msg) {
        return pending.reply(msg);
    }

    /** One part of a multipart reply, {@code bytes} long on the wire. */
    boolean onMultipartPart(OFStatsReply part, int bytes) {
        return pending.multipartPart(part, bytes);
    }

    boolean onBarrierReply(long xid) {
        return pending.barrierReply(xid);
    }

    boolean onError(OFErrorMsg error) {
        return pending.error(error);
    }

    /** A flow-mod or group-mod sent without a barrier was rejected: the switch is out of sync. */
    void onUnmatchedModError() {
        pending.reportUnconfirmedRejection();
    }

    void onDisconnect() {
        pending.failAll();
    }

    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return "OfSwitch{" + dpid + " " + remoteAddress() + " " + version() + "}";
    }
}
