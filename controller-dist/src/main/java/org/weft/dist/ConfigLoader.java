package org.weft.dist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.cluster.ClusterConfig;
import org.weft.failover.FailoverConfig;
import org.weft.net.host.impl.HostTableLimits;
import org.weft.net.link.impl.DiscoveryConfig;
import org.weft.net.link.impl.LldpSigner;
import org.weft.net.reconcile.impl.ReconcileConfig;
import org.weft.openflow.OfConfig;
import org.weft.openflow.OfLimits;
import org.weft.openflow.OfTlsConfig;
import org.weft.rest.Json;
import org.weft.routing.ParkedFrameLimits;
import org.weft.routing.RoutingConfig;

/**
 * Reads the configuration file (YAML for .yml/.yaml, JSON otherwise) strictly: an unknown key, a
 * wrong type or an impossible value is a {@link ConfigException} naming the place, never silently
 * ignored.
 */
public final class ConfigLoader {

    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);

    private ConfigLoader() {}

    /** Thrown for a configuration Weft cannot start with. */
    public static final class ConfigException extends Exception {
        public ConfigException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static WeftConfig load(Path file) throws ConfigException {
        ObjectMapper mapper = mapperFor(file);
        try {
            WeftConfig c = mapper.readValue(Files.readString(file), WeftConfig.class);
            if (c == null) {
                throw new IllegalArgumentException("the file holds no configuration object");
            }
            ConfigValidator.validate(c);
            toOfConfig(c);
            toCoreSettings(c);
            toRoutingConfig(c);
            toFailoverConfig(c);
            toReconcileConfig(c);
            toClusterConfig(c);
            RestWiring.toRestConfig(c);
            return c;
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + file + " does not exist", e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    "configuration file "
                            + file
                            + ": "
                            + path(e)
                            + e.getOriginalMessage()
                            + location(e),
                    e);
        } catch (IOException e) {
            throw new ConfigException(
                    "cannot read configuration file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException("configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The dotted key path of the offending value, e.g. {@code openflow.ports[0]: }. */
    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb + ": ";
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line "
                        + e.getLocation().getLineNr()
                        + ", column "
                        + e.getLocation().getColumnNr()
                        + ")";
    }

    static ObjectMapper mapperFor(Path file) {
        String name = file.getFileName().toString();
        boolean yaml = name.endsWith(".yml") || name.endsWith(".yaml");
        return yaml
                ? Json.strict(YAMLMapper.builder(new YAMLFactory())).build()
                : Json.strict(JsonMapper.builder()).build();
    }

    /**
     * The driver settings this configuration describes.
     *
     * @throws IllegalArgumentException with the reason when a value is impossible
     */
    public static OfConfig toOfConfig(WeftConfig c) {
        WeftConfig.OpenFlow of = c.openflow;
        OfTlsConfig tls = null;
        if (of.tls != null) {
            tls =
                    new OfTlsConfig(
                            Path.of(of.tls.keyStore),
                            of.tls.keyStorePassword,
                            of.tls.trustStore == null ? null : Path.of(of.tls.trustStore),
                            of.tls.trustStorePassword,
                            of.tls.requireClientAuth);
        }
        return new OfConfig(
                of.bindAddress,
                of.ports,
                Duration.ofMillis(of.handshakeTimeoutMs),
                Duration.ofMillis(of.echoIntervalMs),
                of.echoMissLimit,
                Duration.ofMillis(of.duplicateProbeTimeoutMs),
                of.missSendLen,
                of.sendRoleRequest,
                of.workerThreads,
                tls,
                new OfLimits(
                        Duration.ofMillis(of.requestTimeoutMs),
                        of.writeBufferLowBytes,
                        of.writeBufferHighBytes,
                        Duration.ofMillis(of.writeStallTimeoutMs),
                        of.maxOutboundBytes,
                        of.maxMultipartParts,
                        of.maxMultipartBytes,
                        new OfLimits.PacketInLimits(
                                c.packetIn.ratePerSwitch,
                                c.packetIn.burst,
                                c.packetIn.reservedRatePerSwitch,
                                c.packetIn.reservedBurst,
                                c.packetIn.queuePerSwitch,
                                c.packetIn.workerThreads)));
    }

    /**
     * The core services' settings this configuration describes (a random HMAC key when none is
     * configured).
     *
     * @throws IllegalArgumentException with the reason when a value is impossible
     */
    public static CoreServices.Settings toCoreSettings(WeftConfig c) {
        WeftConfig.Topology t = c.topology;
        byte[] key;
        if (t.hmacKey == null) {
            key = LldpSigner.randomKey();
        } else {
            try {
                key = HexFormat.of().parseHex(t.hmacKey.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("topology.hmacKey must be hex digits", e);
            }
        }
        if (key.length < LldpSigner.MIN_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "topology.hmacKey must have at least "
                            + 2 * LldpSigner.MIN_KEY_BYTES
                            + " hex digits");
        }
        if (t.lldpIntervalMs < 10) {
            throw new IllegalArgumentException(
                    "topology.lldpIntervalMs " + t.lldpIntervalMs + " must be at least 10");
        }
        if (t.linkTimeoutIntervals < 1) {
            throw new IllegalArgumentException("topology.linkTimeoutIntervals must be at least 1");
        }
        if (t.batchWindowMs < 0 || t.maxBatchEvents < 1) {
            throw new IllegalArgumentException(
                    "topology.batchWindowMs must be >= 0 and topology.maxBatchEvents >= 1");
        }
        if (c.hosts.idleTimeoutS < 1) {
            throw new IllegalArgumentException("hosts.idleTimeoutS must be at least 1");
        }
        return new CoreServices.Settings(
                new DiscoveryConfig(
                        Duration.ofMillis(t.lldpIntervalMs), linkTimeoutIntervals(c), key),
                Duration.ofMillis(t.batchWindowMs),
                t.maxBatchEvents,
                Duration.ofSeconds(c.hosts.idleTimeoutS),
                new HostTableLimits(c.hosts.maxHosts, c.hosts.maxHostsPerSwitch));
    }

    /**
     * {@code topology.linkTimeoutIntervals}, raised in a cluster to cover {@code
     * cluster.sessionTimeoutMs} + 2 s: while a crashed instance's switches wait for a new master,
     * nobody sends LLDP out of them, and the links leaving them must not time out meanwhile (routes
     * would move, and packets be lost, during the failover).
     */
    static int linkTimeoutIntervals(WeftConfig c) {
        int configured = c.topology.linkTimeoutIntervals;
        if (c.cluster == null || c.cluster.zookeeper == null) {
            return configured;
        }
        long needed =
                (c.cluster.sessionTimeoutMs + 2_000 + c.topology.lldpIntervalMs - 1)
                        / c.topology.lldpIntervalMs;
        if (needed <= configured) {
            return configured;
        }
        log.info(
                "Link timeout raised from {} to {} LLDP intervals: a cluster's links must outlast"
                        + " a failover (cluster.sessionTimeoutMs {} + 2 s)",
                configured,
                needed,
                c.cluster.sessionTimeoutMs);
        return (int) Math.min(needed, Integer.MAX_VALUE);
    }

    /**
     * The cluster this instance joins, or null for a single instance (no {@code
     * cluster.zookeeper}).
     *
     * @throws IllegalArgumentException with the reason when a value is impossible
     */
    public static ClusterConfig toClusterConfig(WeftConfig c) {
        WeftConfig.Cluster k = c.cluster;
        if (k == null) {
            throw new IllegalArgumentException("cluster must not be null");
        }
        if (k.zookeeper == null) {
            return null;
        }
        String address = localAddress(c);
        return new ClusterConfig(
                k.zookeeper.trim(),
                k.nodeId != null ? k.nodeId : address,
                address,
                Duration.ofMillis(k.sessionTimeoutMs));
    }

    /** This instance's host name and first OpenFlow port: the default {@code cluster.nodeId}. */
    public static String localAddress(WeftConfig c) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        String port = c.openflow.ports.isEmpty() ? "6653" : String.valueOf(c.openflow.ports.get(0));
        return host + ":" + port;
    }

    /**
     * The reconciler's settings this configuration describes.
     *
     * @throws IllegalArgumentException with the reason when a value is impossible
     */
    public static ReconcileConfig toReconcileConfig(WeftConfig c) {
        WeftConfig.Reconcile r = c.reconcile;
        if (r == null) {
            throw new IllegalArgumentException("reconcile must not be null");
        }
        if (!(r.intervalS >= 0.1 && r.intervalS <= 86_400)) {
            throw new IllegalArgumentException("reconcile.intervalS must be between 0.1 and 86400");
        }
        if (r.maxPassesInFlight < 1) {
            throw new IllegalArgumentException("reconcile.maxPassesInFlight must be at least 1");
        }
        Duration interval = Duration.ofMillis(Math.round(r.intervalS * 1000));
        Duration maxBackoff =
                interval.compareTo(Duration.ofSeconds(30)) < 0 ? interval : Duration.ofSeconds(30);
        Duration minBackoff =
                maxBackoff.compareTo(Duration.ofSeconds(1)) < 0
                        ? maxBackoff
                        : Duration.ofSeconds(1);
        if (r.settleQuietMs < 0 || r.settleMaxMs < r.settleQuietMs) {
            throw new IllegalArgumentException(
                    "reconcile.settleQuietMs must be at least 0 and reconcile.settleMaxMs at least"
                            + " settleQuietMs");
        }
        return new ReconcileConfig(
                interval,
                r.maxPassesInFlight,
                minBackoff,
                maxBackoff,
                r.removeUnknown,
                Duration.ofMillis(r.settleQuietMs),
                Duration.ofMillis(r.settleMaxMs));
    }

    /**
     * The routing app's settings this configuration describes.
     *
     * @throws IllegalArgumentException with the reason when a value is impossible
     */
    public static RoutingConfig toRoutingConfig(WeftConfig c) {
        WeftConfig.Routing r = c.routing;
        if (r.metric == null) {
            throw new IllegalArgumentException(
                    "routing.metric must be one of HOP_COUNT, LATENCY, ADMIN_WEIGHT, INVERSE_CAPACITY");
        }
        WeftConfig.ParkedFrames p = r.parkedFrames;
        if (p == null) {
            throw new IllegalArgumentException("routing.parkedFrames must not be null");
        }
        if (p.maxFrames < 0 || p.maxFramesPerDestination < 0 || p.maxBytes < 0 || p.maxAgeMs < 0) {
            throw new IllegalArgumentException("routing.parkedFrames values must not be negative");
        }
        return new RoutingConfig(
                r.metric,
                new ParkedFrameLimits(
                        p.maxFrames,
                        p.maxFramesPerDestination,
                        p.maxBytes,
                        Duration.ofMillis(p.maxAgeMs)));
    }

    /**
     * The failover app's settings this configuration describes ({@code routing.protection} and
     * {@code routing.recoveryHoldDownMs}).
     *
     * @throws IllegalArgumentException with the reason when a value is impossible
     */
    public static FailoverConfig toFailoverConfig(WeftConfig c) {
        WeftConfig.Routing r = c.routing;
        if (r.recoveryHoldDownMs < 0) {
            throw new IllegalArgumentException("routing.recoveryHoldDownMs must not be negative");
        }
        return new FailoverConfig(r.protection, Duration.ofMillis(r.recoveryHoldDownMs));
    }
}
