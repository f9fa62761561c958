package org.weft.dist.overload;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;
import org.projectfloodlight.openflow.protocol.OFType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;

/**
 * An OpenFlow 1.3 switch made of a plain blocking {@link Socket} on loopback: every byte it sends
 * is written by the test (Loxi only builds and parses the messages), so it can misbehave in ways a
 * real switch library would not allow. Knows how to do the handshake politely and how to answer the
 * controller's usual requests ({@link SwitchMessages#politeAnswer}); what it does after that is up
 * to the test. Writes from several threads are serialised, one whole message (or batch) at a time.
 */
class RawSwitch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RawSwitch.class);

    private static final OFMessageReader<OFMessage> READER = OFFactories.getGenericReader();

    /** Read timeout, so reading loops can look at their deadline and stop flag. */
    private static final int READ_TIMEOUT_MS = 100;

    final String name;
    final long dpid;
    final int portCount;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Object writeLock = new Object();

    /** Bytes read and not yet decoded are {@code buf[start, end)} (kept across read timeouts). */
    private final byte[] buf = new byte[4 * 65536];

    private int start;
    private int end;

    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong messagesSent = new AtomicLong();
    final AtomicLong messagesReceived = new AtomicLong();

    /** When the controller closed the connection (EOF or reset seen by a read or write), or 0. */
    private volatile long peerClosedAtNanos;

    private final AtomicReference<String> closeCause = new AtomicReference<>();
    private volatile boolean closedByUs;
    private volatile long closedByUsAtNanos;
    private final Object answererLock = new Object();
    private ExecutorService answerer;

    private RawSwitch(String name, long dpid, int portCount, Socket socket) throws IOException {
        this.name = name;
        this.dpid = dpid;
        this.portCount = portCount;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Opens a TCP connection to the controller on 127.0.0.1; sends nothing yet. */
    static RawSwitch connect(int port, long dpid, int portCount, String name) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(READ_TIMEOUT_MS);
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            return new RawSwitch(name, dpid, portCount, s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    Dpid dpidValue() {
        return Dpid.of(dpid);
    }

    // ---- writing ----

    void send(OFMessage m) throws IOException {
        sendRaw(SwitchMessages.encode(m), 1);
    }

    /**
     * Writes bytes holding {@code messages} whole messages; blocks while the controller does not
     * read (closing the switch unblocks it). A failure means the controller is gone.
     */
    void sendRaw(byte[] bytes, int messages) throws IOException {
        synchronized (writeLock) {
            try {
                out.write(bytes);
            } catch (IOException e) {
                peerClosed("write failed: " + e.getMessage());
                throw e;
            }
            bytesSent.addAndGet(bytes.length);
            messagesSent.addAndGet(messages);
        }
    }

    // ---- reading ----

    /**
     * The next message from the controller; empty when nothing arrived within the read timeout (100
     * ms). Throws {@link IOException} once the controller closed the connection.
     */
    Optional<OFMessage> poll() throws IOException {
        while (true) {
            int available = end - start;
            if (available >= 8) {
                int len = ((buf[start + 2] & 0xff) << 8) | (buf[start + 3] & 0xff);
                if (len < 8) {
                    throw new IOException(name + ": controller sent a header of length " + len);
                }
                if (available >= len) {
                    OFMessage m = decode(buf, start, len);
                    start += len;
                    messagesReceived.incrementAndGet();
                    return Optional.of(m);
                }
            }
            if (buf.length - start < 65536) {
                System.arraycopy(buf, start, buf, 0, available);
                start = 0;
                end = available;
            }
            int n;
            try {
                n = in.read(buf, end, buf.length - end);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            } catch (IOException e) {
                peerClosed("read failed: " + e.getMessage());
                throw e;
            }
            if (n < 0) {
                peerClosed("end of stream");
                throw new IOException(name + ": the controller closed the connection");
            }
            end += n;
        }
    }

    private OFMessage decode(byte[] bytes, int offset, int len) throws IOException {
        try {
            OFMessage m = READER.readFrom(Unpooled.wrappedBuffer(bytes, offset, len));
            if (m == null) {
                throw new IOException(name + ": truncated message from the controller");
            }
            return m;
        } catch (OFParseError e) {
            throw new IOException(name + ": undecodable message from the controller: " + e, e);
        }
    }

    /** The next message within {@code timeout}, answering everything else politely meanwhile. */
    OFMessage awaitMessage(java.util.function.Predicate<OFMessage> wanted, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<OFMessage> m = poll();
            if (m.isEmpty()) {
                continue;
            }
            if (wanted.test(m.get())) {
                return m.get();
            }
            answerPolitely(m.get());
        }
        throw new IOException(name + ": the expected message did not arrive within " + timeout);
    }

    // ---- the handshake ----

    void sendHello() throws IOException {
        send(SwitchMessages.OF13.buildHello().setXid(1).build());
    }

    /**
     * HELLO, FEATURES_REPLY, PORT_DESC reply, and the answer to the controller's configuration
     * barrier: afterwards the controller registers the switch (asynchronously).
     */
    void completeHandshake(Duration timeout) throws IOException {
        sendHello();
        OFMessage barrier = awaitMessage(m -> m.getType() == OFType.BARRIER_REQUEST, timeout);
        send(SwitchMessages.OF13.buildBarrierReply().setXid(barrier.getXid()).build());
    }

    void answerPolitely(OFMessage m) throws IOException {
        for (OFMessage a : SwitchMessages.politeAnswer(dpid, portCount, m)) {
            send(a);
        }
    }

    /**
     * Answers politely from another thread, so that a reader never blocks on a write (another
     * thread may be flooding the socket while the controller reads slowly).
     */
    void answerPolitelyLater(OFMessage m) {
        List<OFMessage> answers = SwitchMessages.politeAnswer(dpid, portCount, m);
        if (answers.isEmpty()) {
            return;
        }
        ExecutorService a;
        synchronized (answererLock) {
            if (closedByUs) {
                return;
            }
            if (answerer == null) {
                answerer =
                        Executors.newSingleThreadExecutor(
                                r -> {
                                    Thread t = new Thread(r, "answers-" + name);
                                    t.setDaemon(true);
                                    return t;
                                });
            }
            a = answerer;
        }
        try {
            a.execute(
                    () -> {
                        try {
                            for (OFMessage answer : answers) {
                                send(answer);
                            }
                        } catch (IOException e) {
                            log.debug("{}: answer not sent: {}", name, e.toString());
                        }
                    });
        } catch (RejectedExecutionException e) {
            log.debug("{}: closed, answer dropped", name);
        }
    }

    // ---- state ----

    private void peerClosed(String cause) {
        if (closedByUs) {
            return;
        }
        if (closeCause.compareAndSet(null, cause)) {
            peerClosedAtNanos = System.nanoTime();
            log.info("{}: connection to the controller ended ({})", name, cause);
        }
    }

    /** Whether the controller closed (or reset) the connection, as far as this side has seen. */
    boolean peerClosed() {
        return peerClosedAtNanos != 0;
    }

    long peerClosedAtNanos() {
        return peerClosedAtNanos;
    }

    /**
     * Whether this side (the test, or its memory emergency) closed the connection before {@code
     * nanos}: a disconnection seen after that is not Weft's doing.
     */
    boolean closedByUsBefore(long nanos) {
        long at = closedByUsAtNanos;
        return at != 0 && at <= nanos;
    }

    String closeCause() {
        return closeCause.get();
    }

    @Override
    public void close() {
        if (!closedByUs) {
            closedByUsAtNanos = System.nanoTime();
        }
        closedByUs = true;
        ExecutorService a;
        synchronized (answererLock) {
            a = answerer;
        }
        if (a != null) {
            a.shutdownNow();
        }
        try {
            // Abortive close (RST): what Weft has not read yet is discarded, not worked through.
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            log.debug("{}: SO_LINGER failed: {}", name, e.toString());
        }
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("{}: close failed: {}", name, e.toString());
        }
    }
}
