package org.weft.dist;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.weft.net.routing.RoutingMetric;

/**
 * The configuration file's shape, with every default. Unknown keys and wrong types are startup
 * errors (see {@link ConfigLoader}). Documented in docs/configuration.md.
 */
public final class WeftConfig {

    @JsonProperty public OpenFlow openflow = new OpenFlow();
    @JsonProperty public Rest rest = new Rest();
    @JsonProperty public Topology topology = new Topology();
    @JsonProperty public Hosts hosts = new Hosts();
    @JsonProperty public Routing routing = new Routing();
    @JsonProperty public PacketIn packetIn = new PacketIn();
    @JsonProperty public Reconcile reconcile = new Reconcile();
    @JsonProperty public Stats stats = new Stats();
    @JsonProperty public Te te = new Te();
    @JsonProperty public Cluster cluster = new Cluster();

    /**
     * Where Weft keeps operator intent ({@code intents/}), unreadable intent moved aside ({@code
     * quarantine/}) and the generated REST token.
     */
    @JsonProperty public String dataDir = "./weft-data";

    /** The OpenFlow listener and switch channels. */
    public static final class OpenFlow {
        @JsonProperty public String bindAddress = "0.0.0.0";
        @JsonProperty public List<Integer> ports = new ArrayList<>(List.of(6653, 6633));
        @JsonProperty public long handshakeTimeoutMs = 10_000;
        @JsonProperty public long echoIntervalMs = 2_000;
        @JsonProperty public int echoMissLimit = 3;
        @JsonProperty public long duplicateProbeTimeoutMs = 1_000;
        @JsonProperty public int missSendLen = 0xffff;
        @JsonProperty public boolean sendRoleRequest = false;
        @JsonProperty public int workerThreads = 0;
        @JsonProperty public Tls tls = null;

        /** Barrier, stats, echo and role requests fail after this long without an answer. */
        @JsonProperty public long requestTimeoutMs = 10_000;

        /** Reading from a switch resumes once the bytes queued for it fall below this. */
        @JsonProperty public int writeBufferLowBytes = 256 * 1024;

        /** Reading from a switch stops while the bytes queued for it are above this. */
        @JsonProperty public int writeBufferHighBytes = 1024 * 1024;

        /** A switch whose queue stays above the high mark this long is disconnected. */
        @JsonProperty public long writeStallTimeoutMs = 5_000;

        /** A write that would queue more than this for one switch disconnects it. */
        @JsonProperty public long maxOutboundBytes = 16L * 1024 * 1024;

        /** A multipart reply (port description, stats) may have at most this many parts... */
        @JsonProperty public int maxMultipartParts = 1_024;

        /** ...and at most this many bytes. */
        @JsonProperty public long maxMultipartBytes = 16L * 1024 * 1024;
    }

    /** Running as one instance of a cluster (docs/cluster.md); no ZooKeeper: a single instance. */
    public static final class Cluster {
        /** ZooKeeper connect string ({@code host:port[,host:port...]}); null: single instance. */
        @JsonProperty public String zookeeper = null;

        /** This instance's id in the cluster; null: host name + ":" + first OpenFlow port. */
        @JsonProperty public String nodeId = null;

        /** ZooKeeper session timeout: a dead instance's switches move after this long. */
        @JsonProperty public long sessionTimeoutMs = 3_000;
    }

    /** Per-switch packet-in admission, before parsing (token buckets). */
    public static final class PacketIn {
        /** Packet-ins per second a switch may send (tokens refilled per second). */
        @JsonProperty public double ratePerSwitch = 20_000;

        /** Packet-ins a switch may send at once after a quiet time (bucket size). */
        @JsonProperty public int burst = 2_000;

        /** LLDP and ARP packet-ins admitted beyond the main bucket, per second. */
        @JsonProperty public double reservedRatePerSwitch = 1_000;

        /** Bucket size of that reserve. */
        @JsonProperty public int reservedBurst = 200;

        /** Admitted packet-ins waiting for the apps, per switch; more are dropped and counted. */
        @JsonProperty public int queuePerSwitch = 1_024;

        /** Threads running the apps' packet processing (0 = one per core). */
        @JsonProperty public int workerThreads = 0;
    }

    /** Converging switches' tables to intent. */
    public static final class Reconcile {
        /** Seconds between two passes of one switch (each switch at its own phase). */
        @JsonProperty public double intervalS = 30;

        /** Passes running at once; more wait their turn. */
        @JsonProperty public int maxPassesInFlight = 16;

        /** Whether entries whose cookie no Weft app owns are removed too. */
        @JsonProperty public boolean removeUnknown = false;

        /**
         * After start, the fabric has settled once no switch connected for this long; until then
         * passes hold back removing routing's entries it does not intend (yet). 0: off. Longer than
         * Open vSwitch's longest reconnection back-off (8 s), so switches that come back in waves
         * after a restart all count.
         */
        @JsonProperty public long settleQuietMs = 10_000;

        /** The fabric counts as settled this long after start at the latest. */
        @JsonProperty public long settleMaxMs = 30_000;
    }

    /** TLS on the OpenFlow channel. */
    /** The statistics collector: port rates, link utilisation, hot links. */
    public static final class Stats {
        /** Polls each switch's port statistics this often; 0 turns the collector off. */
        @JsonProperty public long intervalMs = 5_000;

        /** Most port statistics requests outstanding at once. */
        @JsonProperty public int maxInFlight = 32;

        /** A request not answered within this is given up (at most intervalMs). */
        @JsonProperty public long timeoutMs = 4_000;

        /** Utilisation (0..) at which a link becomes hot (a {@code load} event). */
        @JsonProperty public double hotThreshold = 0.8;

        /** Utilisation below which a hot link cools again (at most hotThreshold). */
        @JsonProperty public double coolThreshold = 0.7;

        /** Loads kept per link. */
        @JsonProperty public int historySize = 60;
    }

    /** Traffic engineering: how measured load reaches routing (metric UTILISATION). */
    public static final class Te {
        /** Smallest sustained utilisation change routing is told about. */
        @JsonProperty public double minChange = 0.1;

        /** Links are re-weighted at most this often; at least two stats intervals. */
        @JsonProperty public double intervalS = 30;

        /**
         * Also under other metrics: select groups' bucket weights follow the links' residual
         * capacity (under UTILISATION they always do).
         */
        @JsonProperty public boolean wcmp = false;
    }

    public static final class Tls {
        @JsonProperty(required = true)
        public String keyStore;

        @JsonProperty(required = true)
        public String keyStorePassword;

        @JsonProperty public String trustStore;
        @JsonProperty public String trustStorePassword;
        @JsonProperty public boolean requireClientAuth = false;
    }

    /** The REST API. */
    public static final class Rest {
        @JsonProperty public String bindAddress = "127.0.0.1";
        @JsonProperty public int port = 8181;

        /**
         * API token (at least 16 characters). {@code WEFT_API_TOKEN}, when set, takes precedence
         * over it; with neither, the token in {@code <dataDir>/api-token} is used, generated there
         * at first start.
         */
        @JsonProperty public String token = null;

        @JsonProperty public boolean requireTokenForReads = false;
        @JsonProperty public long maxRequestBytes = 64 * 1024;

        /**
         * Requests waiting for switches at once (each at most openflow.requestTimeoutMs); more are
         * answered 429 with Retry-After.
         */
        @JsonProperty public int maxSwitchCalls = 64;

        /** HTTPS key store; null for plain HTTP. */
        @JsonProperty public RestTls tls = null;
    }

    /** HTTPS for the REST API. */
    public static final class RestTls {
        @JsonProperty(required = true)
        public String keyStore;

        @JsonProperty(required = true)
        public String keyStorePassword;
    }

    /** Link discovery and the topology writer. */
    public static final class Topology {
        /** How often every live port sends an LLDP probe (spread over the interval); >= 10. */
        @JsonProperty public long lldpIntervalMs = 1_000;

        /** A link without LLDP for this many intervals is removed; >= 1. */
        @JsonProperty public int linkTimeoutIntervals = 3;

        /**
         * HMAC-SHA256 key signing LLDP probes, as hex (at least 32 digits); null: a random key is
         * generated at start (probes of another instance then count as forged).
         */
        @JsonProperty public String hmacKey = null;

        /** The topology writer folds events arriving within this window into one snapshot. */
        @JsonProperty public long batchWindowMs = 20;

        /** At most this many events per snapshot. */
        @JsonProperty public int maxBatchEvents = 1_000;
    }

    /** Host tracking. */
    public static final class Hosts {
        /** A host not heard from for this long is forgotten; >= 1. */
        @JsonProperty public long idleTimeoutS = 300;

        /** Most hosts tracked in all; more are refused and counted. */
        @JsonProperty public int maxHosts = 100_000;

        /** Most hosts tracked on one edge switch, so one switch cannot fill the table. */
        @JsonProperty public int maxHostsPerSwitch = 10_000;
    }

    /** The routing app. */
    public static final class Routing {
        /** Whether Weft forwards traffic at all (false: discovery and hosts only). */
        @JsonProperty public boolean enabled = true;

        /** HOP_COUNT, LATENCY, ADMIN_WEIGHT or INVERSE_CAPACITY. */
        @JsonProperty public RoutingMetric metric = RoutingMetric.HOP_COUNT;

        /** Pre-install fast-failover groups (OF1.3+) so switches protect traffic themselves. */
        @JsonProperty public boolean protection = true;

        /** Quiet time before routes move back onto a recovered link or switch. */
        @JsonProperty public long recoveryHoldDownMs = 2_000;

        /** Packet-in frames held while their destination's route is being confirmed. */
        @JsonProperty public ParkedFrames parkedFrames = new ParkedFrames();
    }

    /** Bounds on frames the routing app holds until a route is confirmed. */
    public static final class ParkedFrames {
        @JsonProperty public int maxFrames = 1_024;
        @JsonProperty public int maxFramesPerDestination = 128;
        @JsonProperty public long maxBytes = 4L * 1024 * 1024;
        @JsonProperty public long maxAgeMs = 1_000;
    }
}
