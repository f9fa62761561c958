package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.weft.openflow.OfConfig;
import org.weft.openflow.OfLimits;

class ConfigLoaderTest {

    @TempDir Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void emptyObjectGivesDocumentedDefaults() throws Exception {
        OfConfig of = ConfigLoader.toOfConfig(ConfigLoader.load(write("c.json", "{}")));
        assertThat(of).isEqualTo(OfConfig.defaults());
        assertThat(of.ports()).containsExactly(6653, 6633);
        assertThat(new WeftConfig().rest.port).isEqualTo(8181);
        assertThat(new WeftConfig().rest.bindAddress).isEqualTo("127.0.0.1");
    }

    @Test
    void yamlAndJsonAreReadAlike() throws Exception {
        WeftConfig yaml =
                ConfigLoader.load(
                        write("c.yaml", "openflow:\n  ports: [7000]\n  echoIntervalMs: 500\n"));
        WeftConfig json =
                ConfigLoader.load(
                        write(
                                "c.json",
                                "{\"openflow\":{\"ports\":[7000],\"echoIntervalMs\":500}}"));
        assertThat(ConfigLoader.toOfConfig(yaml)).isEqualTo(ConfigLoader.toOfConfig(json));
        assertThat(ConfigLoader.toOfConfig(yaml).echoInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfigLoader.toOfConfig(yaml).ports()).isEqualTo(List.of(7000));
    }

    @Test
    void unknownKeyIsAnErrorNamingIt() throws Exception {
        Path p = write("c.yaml", "openflow:\n  echoIntervall: 500\n");
        assertThatThrownBy(() -> ConfigLoader.load(p))
                .isInstanceOf(ConfigLoader.ConfigException.class)
                .hasMessageContaining("echoIntervall")
                .hasMessageContaining("line 2");
    }

    @Test
    void wrongTypeIsAnError() throws Exception {
        Path p = write("c.json", "{\"openflow\":{\"echoMissLimit\":\"three\"}}");
        assertThatThrownBy(() -> ConfigLoader.load(p))
                .isInstanceOf(ConfigLoader.ConfigException.class)
                .hasMessageContaining("echoMissLimit");
        Path q = write("d.json", "{\"openflow\":{\"echoMissLimit\":\"3\"}}");
        assertThatThrownBy(() -> ConfigLoader.load(q))
                .isInstanceOf(ConfigLoader.ConfigException.class);
    }

    @Test
    void impossibleValueIsAnError() throws Exception {
        Path p = write("c.json", "{\"openflow\":{\"ports\":[70000]}}");
        assertThatThrownBy(() -> ConfigLoader.load(p))
                .isInstanceOf(ConfigLoader.ConfigException.class)
                .hasMessageContaining("70000");
        Path q = write("d.json", "{\"openflow\":{\"echoMissLimit\":0}}");
        assertThatThrownBy(() -> ConfigLoader.load(q)).hasMessageContaining("echoMissLimit");
    }

    @Test
    void missingFileIsAnError() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigLoader.ConfigException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void openflowPortFlagMeansThatPortOnly() {
        Main main = new Main();
        main.openflowPort = 16653;
        WeftConfig c = new WeftConfig();
        main.applyFlags(c);
        assertThat(c.openflow.ports).containsExactly(16653);
    }

    @Test
    void inAClusterTheLinkTimeoutOutlastsAFailover() {
        WeftConfig c = new WeftConfig();
        c.topology.lldpIntervalMs = 1_000;
        c.topology.linkTimeoutIntervals = 3;
        assertThat(ConfigLoader.toCoreSettings(c).discovery().linkTimeout())
                .isEqualTo(Duration.ofSeconds(3));
        c.cluster.zookeeper = "zk:2181";
        c.cluster.sessionTimeoutMs = 3_000;
        assertThat(ConfigLoader.toCoreSettings(c).discovery().linkTimeout())
                .isEqualTo(Duration.ofSeconds(5));
        c.topology.linkTimeoutIntervals = 8;
        assertThat(ConfigLoader.toCoreSettings(c).discovery().linkTimeout())
                .isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void topologyAndHostKeysAreReadStrictly() throws Exception {
        WeftConfig c =
                ConfigLoader.load(
                        write(
                                "t.yaml",
                                "topology:\n  lldpIntervalMs: 500\n  linkTimeoutIntervals: 4\n"
                                        + "  hmacKey: "
                                        + WeftTestBed.KEY
                                        + "\n"
                                        + "hosts:\n  idleTimeoutS: 60\n"));
        CoreServices.Settings s = ConfigLoader.toCoreSettings(c);
        assertThat(s.discovery().interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.discovery().linkTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.discovery().hmacKey()).hasSize(32);
        assertThat(s.hostIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(ConfigLoader.toCoreSettings(new WeftConfig()).discovery().interval())
                .isEqualTo(Duration.ofSeconds(1));
        Path shortKey = write("k.json", "{\"topology\":{\"hmacKey\":\"abcd\"}}");
        assertThatThrownBy(() -> ConfigLoader.load(shortKey)).hasMessageContaining("hmacKey");
        Path zero = write("z.json", "{\"topology\":{\"linkTimeoutIntervals\":0}}");
        assertThatThrownBy(() -> ConfigLoader.load(zero))
                .hasMessageContaining("linkTimeoutIntervals");
        Path unknown = write("u.json", "{\"hosts\":{\"idleTimeout\":5}}");
        assertThatThrownBy(() -> ConfigLoader.load(unknown)).hasMessageContaining("idleTimeout");
    }

    @Test
    void overloadKeysAreReadWithTheirDocumentedDefaults() throws Exception {
        WeftConfig c =
                ConfigLoader.load(
                        write(
                                "o.yaml",
                                "openflow:\n  requestTimeoutMs: 3000\n  writeStallTimeoutMs: 700\n"
                                        + "packetIn:\n  ratePerSwitch: 500\n  burst: 50\n"
                                        + "hosts:\n  maxHostsPerSwitch: 20\n"
                                        + "routing:\n  parkedFrames:\n    maxAgeMs: 250\n"));
        OfLimits limits = ConfigLoader.toOfConfig(c).limits();
        assertThat(limits.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(limits.writeStallTimeout()).isEqualTo(Duration.ofMillis(700));
        assertThat(limits.packetIns().ratePerSecond()).isEqualTo(500);
        assertThat(limits.packetIns().burst()).isEqualTo(50);
        assertThat(limits.packetIns().reservedBurst()).isEqualTo(200);
        assertThat(limits.writeBufferHighBytes()).isEqualTo(1024 * 1024);
        assertThat(ConfigLoader.toCoreSettings(c).hostLimits().maxHostsPerSwitch()).isEqualTo(20);
        assertThat(ConfigLoader.toCoreSettings(c).hostLimits().maxHosts()).isEqualTo(100_000);
        assertThat(ConfigLoader.toRoutingConfig(c).parkedFrames().maxAge())
                .isEqualTo(Duration.ofMillis(250));
        assertThat(ConfigLoader.toOfConfig(new WeftConfig()).limits())
                .isEqualTo(OfLimits.defaults());
    }

    @Test
    void impossibleOverloadValuesStopWeftNamingTheKey() throws Exception {
        String[][] cases = {
            {"openflow:\n  writeBufferHighBytes: 1000\n", "writeBufferHighBytes"},
            {"openflow:\n  maxOutboundBytes: 10\n", "maxOutboundBytes"},
            {"openflow:\n  requestTimeoutMs: 0\n", "requestTimeoutMs"},
            {"openflow:\n  maxMultipartParts: 0\n", "maxMultipartParts"},
            {"packetIn:\n  ratePerSwitch: 0\n", "packetIn.ratePerSwitch"},
            {"packetIn:\n  burst: 0\n", "packetIn.burst"},
            {"hosts:\n  maxHosts: 0\n", "maxHosts"},
            {"routing:\n  parkedFrames:\n    maxFrames: -1\n", "routing.parkedFrames"},
            {"routing:\n  recoveryHoldDownMs: -5\n", "routing.recoveryHoldDownMs"},
        };
        for (String[] c : cases) {
            Path p = write("bad.yaml", c[0]);
            assertThatThrownBy(() -> ConfigLoader.load(p))
                    .as(c[0])
                    .isInstanceOf(ConfigLoader.ConfigException.class)
                    .hasMessageContaining(c[1]);
        }
    }

    /** One impossible value per key (YAML flow style), and the dotted key the error must name. */
    static Stream<Arguments> impossibleValues() {
        return Stream.of(
                Arguments.of("openflow: null", "openflow must not be null"),
                Arguments.of("openflow: {bindAddress: ''}", "openflow.bindAddress"),
                Arguments.of("openflow: {ports: []}", "openflow.ports"),
                Arguments.of("openflow: {ports: null}", "openflow.ports"),
                Arguments.of("openflow: {ports: [6653, null]}", "openflow.ports[1]"),
                Arguments.of("openflow: {ports: [-1]}", "openflow.ports[0]"),
                Arguments.of("openflow: {ports: [6653, 65536]}", "openflow.ports[1]"),
                Arguments.of("openflow: {ports: [6653, 6653]}", "openflow.ports[1]"),
                Arguments.of("openflow: {handshakeTimeoutMs: 0}", "openflow.handshakeTimeoutMs"),
                Arguments.of("openflow: {echoIntervalMs: -1}", "openflow.echoIntervalMs"),
                Arguments.of("openflow: {echoMissLimit: 0}", "openflow.echoMissLimit"),
                Arguments.of(
                        "openflow: {duplicateProbeTimeoutMs: -5}",
                        "openflow.duplicateProbeTimeoutMs"),
                Arguments.of("openflow: {missSendLen: 65536}", "openflow.missSendLen"),
                Arguments.of("openflow: {missSendLen: -1}", "openflow.missSendLen"),
                Arguments.of("openflow: {workerThreads: -1}", "openflow.workerThreads"),
                Arguments.of("openflow: {tls: {keyStorePassword: x}}", "openflow.tls.keyStore"),
                Arguments.of("openflow: {tls: {keyStore: k.p12}}", "openflow.tls.keyStorePassword"),
                Arguments.of(
                        "openflow: {tls: {keyStore: k.p12, keyStorePassword: x, trustStore: ''}}",
                        "openflow.tls.trustStore"),
                Arguments.of("openflow: {requestTimeoutMs: 0}", "openflow.requestTimeoutMs"),
                Arguments.of("openflow: {writeBufferLowBytes: 0}", "openflow.writeBufferLowBytes"),
                Arguments.of(
                        "openflow: {writeBufferLowBytes: 2000000}",
                        "openflow.writeBufferHighBytes"),
                Arguments.of("openflow: {writeStallTimeoutMs: 0}", "openflow.writeStallTimeoutMs"),
                Arguments.of("openflow: {maxOutboundBytes: 1048576}", "openflow.maxOutboundBytes"),
                Arguments.of("openflow: {maxMultipartParts: 0}", "openflow.maxMultipartParts"),
                Arguments.of("openflow: {maxMultipartBytes: 65534}", "openflow.maxMultipartBytes"),
                Arguments.of("rest: null", "rest must not be null"),
                Arguments.of("rest: {bindAddress: ' '}", "rest.bindAddress"),
                Arguments.of("rest: {port: 65536}", "rest.port"),
                Arguments.of("rest: {port: -1}", "rest.port"),
                Arguments.of("rest: {token: short}", "rest.token"),
                Arguments.of("rest: {maxRequestBytes: 1023}", "rest.maxRequestBytes"),
                Arguments.of("rest: {maxSwitchCalls: 0}", "rest.maxSwitchCalls"),
                Arguments.of("rest: {tls: {keyStorePassword: x}}", "rest.tls.keyStore"),
                Arguments.of("rest: {tls: {keyStore: r.p12}}", "rest.tls.keyStorePassword"),
                Arguments.of("topology: null", "topology must not be null"),
                Arguments.of("topology: {lldpIntervalMs: 9}", "topology.lldpIntervalMs"),
                Arguments.of(
                        "topology: {linkTimeoutIntervals: 0}", "topology.linkTimeoutIntervals"),
                Arguments.of("topology: {hmacKey: xyz}", "topology.hmacKey"),
                Arguments.of("topology: {hmacKey: abcd}", "topology.hmacKey"),
                Arguments.of("topology: {batchWindowMs: -1}", "topology.batchWindowMs"),
                Arguments.of("topology: {maxBatchEvents: 0}", "topology.maxBatchEvents"),
                Arguments.of("hosts: null", "hosts must not be null"),
                Arguments.of("hosts: {idleTimeoutS: 0}", "hosts.idleTimeoutS"),
                Arguments.of("hosts: {maxHosts: 0}", "hosts.maxHosts"),
                Arguments.of("hosts: {maxHostsPerSwitch: 0}", "hosts.maxHostsPerSwitch"),
                Arguments.of("routing: null", "routing must not be null"),
                Arguments.of("routing: {metric: null}", "routing.metric"),
                Arguments.of("routing: {recoveryHoldDownMs: -1}", "routing.recoveryHoldDownMs"),
                Arguments.of("routing: {parkedFrames: null}", "routing.parkedFrames"),
                Arguments.of(
                        "routing: {parkedFrames: {maxFrames: -1}}",
                        "routing.parkedFrames.maxFrames"),
                Arguments.of(
                        "routing: {parkedFrames: {maxFramesPerDestination: -1}}",
                        "routing.parkedFrames.maxFramesPerDestination"),
                Arguments.of(
                        "routing: {parkedFrames: {maxBytes: -1}}", "routing.parkedFrames.maxBytes"),
                Arguments.of(
                        "routing: {parkedFrames: {maxAgeMs: -1}}", "routing.parkedFrames.maxAgeMs"),
                Arguments.of("packetIn: null", "packetIn must not be null"),
                Arguments.of("packetIn: {ratePerSwitch: 0}", "packetIn.ratePerSwitch"),
                Arguments.of("packetIn: {ratePerSwitch: .inf}", "packetIn.ratePerSwitch"),
                Arguments.of("packetIn: {ratePerSwitch: .nan}", "packetIn.ratePerSwitch"),
                Arguments.of("packetIn: {burst: 0}", "packetIn.burst"),
                Arguments.of(
                        "packetIn: {reservedRatePerSwitch: -1}", "packetIn.reservedRatePerSwitch"),
                Arguments.of("packetIn: {reservedBurst: -1}", "packetIn.reservedBurst"),
                Arguments.of("packetIn: {queuePerSwitch: 0}", "packetIn.queuePerSwitch"),
                Arguments.of("packetIn: {workerThreads: -1}", "packetIn.workerThreads"),
                Arguments.of("reconcile: null", "reconcile must not be null"),
                Arguments.of("reconcile: {intervalS: 0.05}", "reconcile.intervalS"),
                Arguments.of("reconcile: {intervalS: 86401}", "reconcile.intervalS"),
                Arguments.of("reconcile: {maxPassesInFlight: 0}", "reconcile.maxPassesInFlight"),
                Arguments.of("reconcile: {settleQuietMs: -1}", "reconcile.settleQuietMs"),
                Arguments.of(
                        "reconcile: {settleQuietMs: 5000, settleMaxMs: 4000}",
                        "reconcile.settleMaxMs"),
                Arguments.of("stats: null", "stats must not be null"),
                Arguments.of("stats: {intervalMs: 50}", "stats.intervalMs"),
                Arguments.of("stats: {maxInFlight: 0}", "stats.maxInFlight"),
                Arguments.of("stats: {intervalMs: 1000, timeoutMs: 1001}", "stats.timeoutMs"),
                Arguments.of("stats: {hotThreshold: 0}", "stats.hotThreshold"),
                Arguments.of(
                        "stats: {hotThreshold: 0.5, coolThreshold: 0.6}", "stats.coolThreshold"),
                Arguments.of("stats: {historySize: 1}", "stats.historySize"),
                Arguments.of("te: null", "te must not be null"),
                Arguments.of("te: {minChange: 0}", "te.minChange"),
                Arguments.of("te: {minChange: 1}", "te.minChange"),
                Arguments.of("te: {intervalS: 9}", "te.intervalS"), // under two 5 s stats intervals
                Arguments.of("dataDir: null", "dataDir"),
                Arguments.of("dataDir: ''", "dataDir"),
                Arguments.of("dataDir: \"a\\0b\"", "dataDir"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impossibleValues")
    void everyImpossibleValueStopsWeftNamingItsKey(String yaml, String key) throws Exception {
        Path p = write("bad.yaml", yaml + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(p))
                .isInstanceOf(ConfigLoader.ConfigException.class)
                .hasMessageContaining(key);
    }

    @Test
    void boundaryValuesAreAccepted() throws Exception {
        WeftConfig c =
                ConfigLoader.load(
                        write(
                                "ok.yaml",
                                "openflow: {ports: [0, 65535], missSendLen: 0, workerThreads: 0}\n"
                                        + "rest: {port: 0, maxRequestBytes: 1024}\n"
                                        + "topology: {lldpIntervalMs: 10, batchWindowMs: 0}\n"
                                        + "routing: {recoveryHoldDownMs: 0,"
                                        + " parkedFrames: {maxFrames: 0, maxAgeMs: 0}}\n"
                                        + "packetIn: {reservedRatePerSwitch: 0, reservedBurst: 0}\n"
                                        + "reconcile: {intervalS: 0.1}\n"
                                        + "stats: {intervalMs: 100, timeoutMs: 100,"
                                        + " hotThreshold: 0.5, coolThreshold: 0.5, historySize: 2}\n"
                                        + "te: {intervalS: 0.2, wcmp: true}\n"));
        assertThat(c.te.wcmp).isTrue();
        assertThat(c.openflow.ports).containsExactly(0, 65535);
    }

    @Test
    void theReconcilersSettleWindowIsOnByDefaultAndOffAtZero() throws Exception {
        var defaults = ConfigLoader.toReconcileConfig(ConfigLoader.load(write("r.json", "{}")));
        assertThat(defaults.settleQuiet()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.settleMax()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.settles()).isTrue();
        var off =
                ConfigLoader.toReconcileConfig(
                        ConfigLoader.load(
                                write(
                                        "s.yaml",
                                        "reconcile: {settleQuietMs: 0, settleMaxMs: 0}\n")));
        assertThat(off.settles()).isFalse();
    }

    @Test
    void clusterIsOffByDefaultAndValidatedWhenOn() throws Exception {
        assertThat(ConfigLoader.toClusterConfig(ConfigLoader.load(write("c.json", "{}")))).isNull();
        var on =
                ConfigLoader.toClusterConfig(
                        ConfigLoader.load(
                                write(
                                        "d.yaml",
                                        "openflow:\n  ports: [7001]\n"
                                                + "cluster:\n  zookeeper: zk1:2181,zk2:2181\n")));
        assertThat(on.zookeeper()).isEqualTo("zk1:2181,zk2:2181");
        assertThat(on.nodeId()).endsWith(":7001");
        assertThat(on.sessionTimeout()).isEqualTo(Duration.ofMillis(3_000));
        Path bad = write("e.yaml", "cluster:\n  zookeeper: zk:2181\n  nodeId: 'a/b'\n");
        assertThatThrownBy(() -> ConfigLoader.load(bad)).hasMessageContaining("cluster.nodeId");
        Path slow = write("f.yaml", "cluster:\n  zookeeper: zk:2181\n  sessionTimeoutMs: 10\n");
        assertThatThrownBy(() -> ConfigLoader.load(slow))
                .hasMessageContaining("cluster.sessionTimeoutMs");
    }
}
