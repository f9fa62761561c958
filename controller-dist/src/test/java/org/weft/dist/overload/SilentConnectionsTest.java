package org.weft.dist.overload;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.dist.WeftConfig;

/**
 * Issue 12, scenario 7: 2,000 TCP connections to the OpenFlow port that never say a word. Weft
 * sends each its HELLO and closes each when handshakeTimeoutMs passes; the connections are held
 * open from this side meanwhile; everything else must stay healthy.
 */
@Tag("overload")
class SilentConnectionsTest {

    private static final Logger log = LoggerFactory.getLogger(SilentConnectionsTest.class);

    private static final int CONNECTIONS = 2_000;
    private static final long HANDSHAKE_TIMEOUT_MS = 3_000;

    /** Connections are opened in batches, 2,000 within about a second. */
    private static final int CONNECT_BATCH = 100;

    private static final long CONNECT_PAUSE_MS = 40;

    /** After the last connect, every connection must be closed by Weft within this. */
    private static final long CLOSED_WITHIN_MS = HANDSHAKE_TIMEOUT_MS + 3_000;

    @Test
    void twoThousandSilentConnectionsGetHelloAndTimeOut() throws Exception {
        long maxFds =
                ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getMaxFileDescriptorCount();
        // Both ends of every connection live in this JVM.
        if (maxFds < 2L * CONNECTIONS + 1_000) {
            throw new AssertionError(
                    "ulimit -n is "
                            + maxFds
                            + ": this scenario needs at least "
                            + (2L * CONNECTIONS + 1_000)
                            + " file descriptors");
        }
        WeftConfig c = OverloadBed.config();
        c.openflow.handshakeTimeoutMs = HANDSHAKE_TIMEOUT_MS;
        SoftAssertions softly = new SoftAssertions();
        List<SocketChannel> channels = Collections.synchronizedList(new ArrayList<>());
        try (OverloadBed bed = OverloadBed.start(c);
                Selector selector = Selector.open()) {
            InetSocketAddress weft = new InetSocketAddress("127.0.0.1", bed.openflowPort());
            bed.hostile(() -> closeAll(channels));
            long firstConnect = System.nanoTime();
            long firstConnectAt = bed.millisIntoScenario();
            int failedConnects = 0;
            for (int i = 0; i < CONNECTIONS; i++) {
                if (i > 0 && i % CONNECT_BATCH == 0) {
                    Thread.sleep(CONNECT_PAUSE_MS);
                }
                try {
                    SocketChannel ch = SocketChannel.open();
                    channels.add(ch);
                    ch.connect(weft);
                    ch.configureBlocking(false);
                    ch.register(selector, SelectionKey.OP_READ, new Conn());
                } catch (IOException e) {
                    failedConnects++;
                }
            }
            long lastConnect = System.nanoTime();
            log.info(
                    "{} silent connections opened in {} ms ({} failed), from +{} to +{} ms into"
                            + " the scenario",
                    channels.size() - failedConnects,
                    (lastConnect - firstConnect) / 1_000_000,
                    failedConnects,
                    firstConnectAt,
                    bed.millisIntoScenario());

            // Read what Weft sends (its HELLO) and notice when it closes, for a bounded time.
            ByteBuffer buf = ByteBuffer.allocate(4096);
            int hellos = 0;
            int closed = 0;
            int wrongFirst = 0;
            long firstCloseAt = -1;
            long lastClose = 0;
            long end = lastConnect + (CLOSED_WITHIN_MS + 2_000) * 1_000_000;
            while (System.nanoTime() < end && closed < CONNECTIONS - failedConnects) {
                selector.select(100);
                for (SelectionKey k : selector.selectedKeys()) {
                    Conn conn = (Conn) k.attachment();
                    SocketChannel ch = (SocketChannel) k.channel();
                    buf.clear();
                    int n;
                    try {
                        n = ch.read(buf);
                    } catch (IOException e) {
                        n = -1; // reset by Weft
                    }
                    if (n > 0) {
                        if (conn.bytes == 0 && n >= 2 && buf.get(1) != 0) {
                            wrongFirst++;
                        }
                        conn.bytes += n;
                        if (!conn.hello && conn.bytes >= 8) {
                            conn.hello = true;
                            hellos++;
                        }
                    } else if (n < 0) {
                        k.cancel();
                        if (closed == 0) {
                            firstCloseAt = bed.millisIntoScenario();
                        }
                        closed++;
                        lastClose = System.nanoTime();
                    }
                }
                selector.selectedKeys().clear();
            }

            log.info(
                    "Scenario: {} HELLOs received, {} connections closed by Weft (the first at +{}"
                            + " ms into the scenario), the last {} ms after the last connect; {}"
                            + " first messages not HELLO",
                    hellos,
                    closed,
                    firstCloseAt,
                    lastClose == 0 ? -1 : (lastClose - lastConnect) / 1_000_000,
                    wrongFirst);

            bed.finish(Duration.ofSeconds(1), softly);

            softly.assertThat(failedConnects).as("connections Weft refused").isZero();
            softly.assertThat(hellos)
                    .as("silent connections that received Weft's HELLO")
                    .isEqualTo(CONNECTIONS);
            softly.assertThat(wrongFirst)
                    .as("connections whose first message from Weft was not a HELLO")
                    .isZero();
            softly.assertThat(closed)
                    .as(
                            "silent connections Weft closed within %d ms of the last connect"
                                    + " (handshakeTimeoutMs %d)",
                            CLOSED_WITHIN_MS + 2_000, HANDSHAKE_TIMEOUT_MS)
                    .isEqualTo(CONNECTIONS);
            softly.assertThat(lastClose == 0 ? -1 : (lastClose - lastConnect) / 1_000_000)
                    .as("ms from the last connect until Weft closed the last silent connection")
                    .isBetween(0L, CLOSED_WITHIN_MS);
        } finally {
            closeAll(channels);
        }
        softly.assertAll();
    }

    private static void closeAll(List<SocketChannel> channels) {
        List<SocketChannel> all;
        synchronized (channels) {
            all = List.copyOf(channels);
        }
        for (SocketChannel ch : all) {
            try {
                ch.close();
            } catch (IOException e) {
                log.debug("close failed: {}", e.toString());
            }
        }
    }

    /** What one silent connection has seen. */
    private static final class Conn {
        long bytes;
        boolean hello;
    }
}
