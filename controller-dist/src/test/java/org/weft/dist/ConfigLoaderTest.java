package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
}
