package org.weft.dist;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks every key of a {@link WeftConfig} before anything is built from it, so that an impossible
 * value stops Weft at start with an {@link IllegalArgumentException} naming its dotted key (e.g.
 * {@code openflow.ports[1]}). The ranges here are the ones docs/configuration.md states.
 */
final class ConfigValidator {

    private ConfigValidator() {}

    /**
     * @throws IllegalArgumentException naming the first key whose value is impossible
     */
    static void validate(WeftConfig c) {
        openflow(present(c.openflow, "openflow"));
        rest(present(c.rest, "rest"));
        topology(present(c.topology, "topology"));
        hosts(present(c.hosts, "hosts"));
        routing(present(c.routing, "routing"));
        packetIn(present(c.packetIn, "packetIn"));
        reconcile(present(c.reconcile, "reconcile"));
        stats(present(c.stats, "stats"));
        te(present(c.te, "te"), c.stats);
        path(c.dataDir, "dataDir");
    }

    private static void openflow(WeftConfig.OpenFlow of) {
        text(of.bindAddress, "openflow.bindAddress");
        List<Integer> ports = present(of.ports, "openflow.ports");
        check(!ports.isEmpty(), "openflow.ports must list at least one port");
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            Integer p = present(ports.get(i), "openflow.ports[" + i + "]");
            check(p >= 0 && p <= 65535, "openflow.ports[%d] %d out of range 0..65535", i, p);
            check(seen.add(p), "openflow.ports[%d] %d is listed twice", i, p);
        }
        positive(of.handshakeTimeoutMs, "openflow.handshakeTimeoutMs");
        positive(of.echoIntervalMs, "openflow.echoIntervalMs");
        atLeast(of.echoMissLimit, 1, "openflow.echoMissLimit");
        positive(of.duplicateProbeTimeoutMs, "openflow.duplicateProbeTimeoutMs");
        check(
                of.missSendLen >= 0 && of.missSendLen <= 0xffff,
                "openflow.missSendLen %d out of range 0..65535",
                of.missSendLen);
        atLeast(of.workerThreads, 0, "openflow.workerThreads");
        if (of.tls != null) {
            path(of.tls.keyStore, "openflow.tls.keyStore");
            present(of.tls.keyStorePassword, "openflow.tls.keyStorePassword");
            if (of.tls.trustStore != null) {
                path(of.tls.trustStore, "openflow.tls.trustStore");
            }
        }
        positive(of.requestTimeoutMs, "openflow.requestTimeoutMs");
        atLeast(of.writeBufferLowBytes, 1, "openflow.writeBufferLowBytes");
        check(
                of.writeBufferHighBytes > of.writeBufferLowBytes,
                "openflow.writeBufferHighBytes %d must be above openflow.writeBufferLowBytes %d",
                of.writeBufferHighBytes,
                of.writeBufferLowBytes);
        positive(of.writeStallTimeoutMs, "openflow.writeStallTimeoutMs");
        check(
                of.maxOutboundBytes > of.writeBufferHighBytes,
                "openflow.maxOutboundBytes %d must be above openflow.writeBufferHighBytes %d",
                of.maxOutboundBytes,
                of.writeBufferHighBytes);
        atLeast(of.maxMultipartParts, 1, "openflow.maxMultipartParts");
        atLeast(of.maxMultipartBytes, 65_535, "openflow.maxMultipartBytes");
    }

    private static void rest(WeftConfig.Rest r) {
        text(r.bindAddress, "rest.bindAddress");
        check(r.port >= 0 && r.port <= 65535, "rest.port %d out of range 0..65535", r.port);
        check(
                r.token == null || r.token.strip().length() >= 16,
                "rest.token needs at least 16 characters (or null)");
        atLeast(r.maxRequestBytes, 1024, "rest.maxRequestBytes");
        atLeast(r.maxSwitchCalls, 1, "rest.maxSwitchCalls");
        if (r.tls != null) {
            path(r.tls.keyStore, "rest.tls.keyStore");
            present(r.tls.keyStorePassword, "rest.tls.keyStorePassword");
        }
    }

    private static void topology(WeftConfig.Topology t) {
        atLeast(t.lldpIntervalMs, 10, "topology.lldpIntervalMs");
        atLeast(t.linkTimeoutIntervals, 1, "topology.linkTimeoutIntervals");
        atLeast(t.batchWindowMs, 0, "topology.batchWindowMs");
        atLeast(t.maxBatchEvents, 1, "topology.maxBatchEvents");
        // topology.hmacKey (hex, >= 32 digits) is checked where it is parsed, in ConfigLoader
    }

    private static void hosts(WeftConfig.Hosts h) {
        atLeast(h.idleTimeoutS, 1, "hosts.idleTimeoutS");
        atLeast(h.maxHosts, 1, "hosts.maxHosts");
        atLeast(h.maxHostsPerSwitch, 1, "hosts.maxHostsPerSwitch");
    }

    private static void routing(WeftConfig.Routing r) {
        present(r.metric, "routing.metric");
        atLeast(r.recoveryHoldDownMs, 0, "routing.recoveryHoldDownMs");
        WeftConfig.ParkedFrames p = present(r.parkedFrames, "routing.parkedFrames");
        atLeast(p.maxFrames, 0, "routing.parkedFrames.maxFrames");
        atLeast(p.maxFramesPerDestination, 0, "routing.parkedFrames.maxFramesPerDestination");
        atLeast(p.maxBytes, 0, "routing.parkedFrames.maxBytes");
        atLeast(p.maxAgeMs, 0, "routing.parkedFrames.maxAgeMs");
    }

    private static void packetIn(WeftConfig.PacketIn p) {
        check(
                Double.isFinite(p.ratePerSwitch) && p.ratePerSwitch > 0,
                "packetIn.ratePerSwitch %s must be a finite number > 0",
                p.ratePerSwitch);
        atLeast(p.burst, 1, "packetIn.burst");
        check(
                Double.isFinite(p.reservedRatePerSwitch) && p.reservedRatePerSwitch >= 0,
                "packetIn.reservedRatePerSwitch %s must be a finite number >= 0",
                p.reservedRatePerSwitch);
        atLeast(p.reservedBurst, 0, "packetIn.reservedBurst");
        atLeast(p.queuePerSwitch, 1, "packetIn.queuePerSwitch");
        atLeast(p.workerThreads, 0, "packetIn.workerThreads");
    }

    private static void reconcile(WeftConfig.Reconcile r) {
        check(
                r.intervalS >= 0.1 && r.intervalS <= 86_400,
                "reconcile.intervalS %s must be between 0.1 and 86400",
                r.intervalS);
        atLeast(r.maxPassesInFlight, 1, "reconcile.maxPassesInFlight");
        atLeast(r.settleQuietMs, 0, "reconcile.settleQuietMs");
        check(
                r.settleMaxMs >= r.settleQuietMs,
                "reconcile.settleMaxMs %s must be at least reconcile.settleQuietMs %s",
                r.settleMaxMs,
                r.settleQuietMs);
    }

    private static void stats(WeftConfig.Stats s) {
        check(
                s.intervalMs == 0 || (s.intervalMs >= 100 && s.intervalMs <= 3_600_000),
                "stats.intervalMs %d must be 0 (off) or between 100 and 3600000",
                s.intervalMs);
        atLeast(s.maxInFlight, 1, "stats.maxInFlight");
        check(
                s.timeoutMs >= 10 && (s.intervalMs == 0 || s.timeoutMs <= s.intervalMs),
                "stats.timeoutMs %d must be at least 10 and at most stats.intervalMs",
                s.timeoutMs);
        check(
                Double.isFinite(s.hotThreshold) && s.hotThreshold > 0 && s.hotThreshold <= 10,
                "stats.hotThreshold %s must be a number above 0 and at most 10",
                s.hotThreshold);
        check(
                Double.isFinite(s.coolThreshold)
                        && s.coolThreshold >= 0
                        && s.coolThreshold <= s.hotThreshold,
                "stats.coolThreshold %s must be from 0 to stats.hotThreshold",
                s.coolThreshold);
        check(
                s.historySize >= 2 && s.historySize <= 10_000,
                "stats.historySize %d must be between 2 and 10000",
                s.historySize);
    }

    private static void te(WeftConfig.Te t, WeftConfig.Stats s) {
        check(
                t.minChange > 0 && t.minChange < 1,
                "te.minChange %s must be above 0 and below 1",
                t.minChange);
        check(
                t.intervalS >= 0.1 && t.intervalS <= 86_400,
                "te.intervalS %s must be between 0.1 and 86400",
                t.intervalS);
        check(
                t.intervalS * 1_000 >= 2 * s.intervalMs,
                "te.intervalS %s must cover at least two stats intervals (%d ms)",
                t.intervalS,
                s.intervalMs);
    }

    private static <T> T present(T value, String key) {
        check(value != null, "%s must not be null", key);
        return value;
    }

    private static void text(String value, String key) {
        check(value != null && !value.isBlank(), "%s must not be null or empty", key);
    }

    private static void path(String value, String key) {
        text(value, key);
        try {
            Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(key + " is not a valid path: " + e.getMessage(), e);
        }
    }

    private static void positive(long value, String key) {
        check(value > 0, "%s %d must be > 0", key, value);
    }

    private static void atLeast(long value, long min, String key) {
        check(value >= min, "%s %d must be at least %d", key, value, min);
    }

    private static void check(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException(String.format(format, args));
        }
    }
}
