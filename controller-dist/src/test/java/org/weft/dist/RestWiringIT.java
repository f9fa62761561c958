package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.rest.RestConfig;

class RestWiringIT {

    @TempDir Path dir;

    @Test
    void restKeysAndDataDirAreReadStrictly() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(
                file,
                "dataDir: /var/lib/weft\n"
                        + "rest:\n"
                        + "  port: 9090\n"
                        + "  token: a-token-of-sixteen-chars\n"
                        + "  requireTokenForReads: true\n"
                        + "  maxRequestBytes: 4096\n"
                        + "  maxSwitchCalls: 8\n"
                        + "  tls:\n"
                        + "    keyStore: /etc/weft/rest.p12\n"
                        + "    keyStorePassword: secret\n");
        RestConfig rest = RestWiring.toRestConfig(ConfigLoader.load(file));
        assertThat(rest.port()).isEqualTo(9090);
        assertThat(rest.requireTokenForReads()).isTrue();
        assertThat(rest.maxRequestBytes()).isEqualTo(4096);
        assertThat(rest.maxSwitchCalls()).isEqualTo(8);
        assertThat(rest.tlsKeyStore()).isEqualTo(Path.of("/etc/weft/rest.p12"));
        assertThat(rest.dataDir()).isEqualTo(Path.of("/var/lib/weft"));

        RestConfig defaults = RestWiring.toRestConfig(new WeftConfig());
        assertThat(defaults.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(defaults.port()).isEqualTo(8181);
        assertThat(defaults.dataDir()).isEqualTo(Path.of("./weft-data"));
        assertThat(defaults.token()).isNull();
        assertThat(defaults.maxSwitchCalls()).isEqualTo(64);
        assertThat(defaults.switchCallTimeout())
                .as("REST waits for a switch as long as the driver does")
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void impossibleRestValuesAreConfigErrors() throws Exception {
        for (String bad :
                List.of(
                        "{\"rest\":{\"token\":\"short\"}}",
                        "{\"rest\":{\"port\":70000}}",
                        "{\"rest\":{\"maxSwitchCalls\":0}}",
                        "{\"rest\":{\"colour\":1}}",
                        "{\"rest\":{\"tls\":{\"keyStore\":\"k.p12\"}}}")) {
            Path file = dir.resolve("bad.json");
            Files.writeString(file, bad);
            assertThatThrownBy(() -> ConfigLoader.load(file))
                    .as(bad)
                    .isInstanceOf(ConfigLoader.ConfigException.class);
        }
    }

    @Test
    void weftServesTheRestApiAndStopsIt() throws Exception {
        WeftConfig cfg = new WeftConfig();
        cfg.openflow.bindAddress = "127.0.0.1";
        cfg.openflow.ports = List.of(0);
        cfg.rest.port = 0;
        cfg.dataDir = dir.toString();
        int port;
        try (Weft weft = Weft.start(cfg, WeftTestBed.NO_ENV)) {
            port = weft.rest().port();
            HttpResponse<String> health =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + port
                                                                    + "/api/v1/health"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body())
                    .contains("\"status\":\"UP\"")
                    .contains("\"name\":\"device-events\"")
                    .contains("\"name\":\"core-events\"")
                    .contains("\"name\":\"reconcile\"")
                    .contains("\"name\":\"routing\"");
            assertThat(dir.resolve("api-token")).exists();
            assertThat(dir.resolve("intents")).isDirectory();
        }
        assertThatThrownBy(
                        () ->
                                HttpClient.newHttpClient()
                                        .send(
                                                HttpRequest.newBuilder(
                                                                URI.create(
                                                                        "http://127.0.0.1:"
                                                                                + port
                                                                                + "/api/v1/health"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
    }
}
