package org.weft.openflow;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the OpenFlow driver. {@link #defaults()} documents every default.
 *
 * @param bindAddress address to listen on ({@code 0.0.0.0} by default)
 * @param ports TCP ports to listen on; the first is the primary (default 6653 and 6633)
 * @param handshakeTimeout a connection that has not finished its handshake by then is closed (10 s)
 * @param echoInterval silence after which Weft sends an echo request (2 s); any message from the
 *     switch proves it alive, as Open vSwitch's inactivity probe
 * @param echoMissLimit a channel with nothing received for this many intervals is closed (3)
 * @param duplicateProbeTimeout how long the old channel of a DPID has to answer an echo when a
 *     second connection claims the same DPID (1 s)
 * @param missSendLen bytes of a packet sent to the controller on a table miss (65535: the whole
 *     packet)
 * @param sendRoleRequest whether to claim the MASTER role during the handshake (false)
 * @param workerThreads Netty I/O threads (0 = one per core the JVM may use; Netty's own default,
 *     twice the cores, puts two busy loops on each core, and the scheduler then makes a switch's
 *     packet-in wait out the other loop's time slice: milliseconds at p99 on a pinned core)
 * @param tls TLS settings, or null for plain TCP
 * @param limits bounds on what one switch can make Weft hold or spend ({@link OfLimits#defaults()})
 */
public record OfConfig(
        String bindAddress,
        List<Integer> ports,
        Duration handshakeTimeout,
        Duration echoInterval,
        int echoMissLimit,
        Duration duplicateProbeTimeout,
        int missSendLen,
        boolean sendRoleRequest,
        int workerThreads,
        OfTlsConfig tls,
        OfLimits limits) {

    public static final int DEFAULT_PORT = 6653;
    public static final int LEGACY_PORT = 6633;

    public OfConfig {
        checkNotNull(bindAddress, "bindAddress");
        ports = ImmutableList.copyOf(checkNotNull(ports, "ports"));
        checkArgument(!ports.isEmpty(), "at least one OpenFlow port is needed");
        for (int p : ports) {
            checkArgument(p >= 0 && p <= 65535, "OpenFlow port %s out of range 0..65535", p);
        }
        checkArgument(
                !handshakeTimeout.isNegative() && !handshakeTimeout.isZero(),
                "handshakeTimeout > 0");
        checkArgument(!echoInterval.isNegative() && !echoInterval.isZero(), "echoInterval > 0");
        checkArgument(echoMissLimit >= 1, "echoMissLimit must be at least 1");
        checkArgument(
                missSendLen >= 0 && missSendLen <= 0xffff, "missSendLen out of range 0..65535");
        checkArgument(workerThreads >= 0, "workerThreads must not be negative");
        checkNotNull(limits, "limits");
    }

    /** The I/O threads to start: {@link #workerThreads()}, or one per available core for 0. */
    public int effectiveWorkerThreads() {
        return workerThreads > 0 ? workerThreads : Runtime.getRuntime().availableProcessors();
    }

    /** Settings with the default {@link OfLimits}. */
    public OfConfig(
            String bindAddress,
            List<Integer> ports,
            Duration handshakeTimeout,
            Duration echoInterval,
            int echoMissLimit,
            Duration duplicateProbeTimeout,
            int missSendLen,
            boolean sendRoleRequest,
            int workerThreads,
            OfTlsConfig tls) {
        this(
                bindAddress,
                ports,
                handshakeTimeout,
                echoInterval,
                echoMissLimit,
                duplicateProbeTimeout,
                missSendLen,
                sendRoleRequest,
                workerThreads,
                tls,
                OfLimits.defaults());
    }

    public static OfConfig defaults() {
        return new OfConfig(
                "0.0.0.0",
                List.of(DEFAULT_PORT, LEGACY_PORT),
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                3,
                Duration.ofSeconds(1),
                0xffff,
                false,
                0,
                null);
    }

    public OfConfig withPorts(List<Integer> newPorts) {
        return new OfConfig(
                bindAddress,
                newPorts,
                handshakeTimeout,
                echoInterval,
                echoMissLimit,
                duplicateProbeTimeout,
                missSendLen,
                sendRoleRequest,
                workerThreads,
                tls,
                limits);
    }

    public OfConfig withKeepalive(Duration interval, int missLimit) {
        return new OfConfig(
                bindAddress,
                ports,
                handshakeTimeout,
                interval,
                missLimit,
                duplicateProbeTimeout,
                missSendLen,
                sendRoleRequest,
                workerThreads,
                tls,
                limits);
    }

    public OfConfig withHandshakeTimeout(Duration timeout) {
        return new OfConfig(
                bindAddress,
                ports,
                timeout,
                echoInterval,
                echoMissLimit,
                duplicateProbeTimeout,
                missSendLen,
                sendRoleRequest,
                workerThreads,
                tls,
                limits);
    }

    public OfConfig withLimits(OfLimits newLimits) {
        return new OfConfig(
                bindAddress,
                ports,
                handshakeTimeout,
                echoInterval,
                echoMissLimit,
                duplicateProbeTimeout,
                missSendLen,
                sendRoleRequest,
                workerThreads,
                tls,
                newLimits);
    }

    public OfConfig withTls(OfTlsConfig newTls) {
        return new OfConfig(
                bindAddress,
                ports,
                handshakeTimeout,
                echoInterval,
                echoMissLimit,
                duplicateProbeTimeout,
                missSendLen,
                sendRoleRequest,
                workerThreads,
                newTls,
                limits);
    }
}
