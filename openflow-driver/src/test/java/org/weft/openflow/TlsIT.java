package org.weft.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.OpenFlowVersion;

/** TLS on the OpenFlow channel, with a real TLS client (the emulator over the JDK's TLS). */
class TlsIT {

    private static final String PASSWORD = "weft-test";

    @TempDir static Path dir;

    static Path keyStore;

    @BeforeAll
    static void makeKeyStore() throws Exception {
        keyStore = dir.resolve("controller.p12");
        Process p =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "keytool")
                                        .toString(),
                                "-genkeypair",
                                "-alias",
                                "weft",
                                "-keyalg",
                                "EC",
                                "-groupname",
                                "secp256r1",
                                "-dname",
                                "CN=weft-test",
                                "-validity",
                                "2",
                                "-storetype",
                                "PKCS12",
                                "-keystore",
                                keyStore.toString(),
                                "-storepass",
                                PASSWORD,
                                "-keypass",
                                PASSWORD)
                        .redirectErrorStream(true)
                        .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

    private static SslContext clientTrusting(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return SslContextBuilder.forClient().trustManager(tmf).build();
    }

    @Test
    void switchConnectsOverTlsAndFlowsWork() throws Exception {
        OfConfig config =
                OfConfig.defaults().withTls(new OfTlsConfig(keyStore, PASSWORD, null, null, false));
        try (DriverTestBed bed = new DriverTestBed(config)) {
            EmulatedSwitch sw =
                    bed.connect(
                            EmulatedSwitch.builder(0x7)
                                    .version(OpenFlowVersion.OF_13)
                                    .tls(clientTrusting(keyStore))
                                    .build());
            FlowRule r =
                    FlowRule.builder(sw.dpid()).priority(9).actions(FlowAction.output(2)).build();
            bed.controller
                    .flowRuleService()
                    .apply(sw.dpid(), List.of(FlowRuleOperation.add(r)))
                    .get(5, TimeUnit.SECONDS);
            assertThat(sw.table().flows()).contains(r);
        }
    }

    @Test
    void plainTcpSwitchCannotConnectToTlsPort() throws Exception {
        OfConfig config =
                OfConfig.defaults().withTls(new OfTlsConfig(keyStore, PASSWORD, null, null, false));
        try (DriverTestBed bed = new DriverTestBed(config)) {
            EmulatedSwitch plain = EmulatedSwitch.builder(0x8).build();
            try {
                plain.connect("127.0.0.1", bed.port()).get(5, TimeUnit.SECONDS);
                assertThat(plain.awaitHandshake(Duration.ofMillis(1500))).isFalse();
                assertThat(bed.controller.deviceService().getDevices()).isEmpty();
            } finally {
                plain.close();
            }
        }
    }

    @Test
    void mutualTlsRejectsClientWithoutCertificate() throws Exception {
        OfConfig config =
                OfConfig.defaults()
                        .withTls(new OfTlsConfig(keyStore, PASSWORD, keyStore, PASSWORD, true));
        try (DriverTestBed bed = new DriverTestBed(config)) {
            EmulatedSwitch anonymous =
                    EmulatedSwitch.builder(0x9).tls(clientTrusting(keyStore)).build();
            try {
                anonymous.connect("127.0.0.1", bed.port()).get(5, TimeUnit.SECONDS);
                assertThat(anonymous.awaitHandshake(Duration.ofMillis(1500))).isFalse();
                assertThat(bed.controller.deviceService().getDevices()).isEmpty();
            } finally {
                anonymous.close();
            }
        }
    }
}
