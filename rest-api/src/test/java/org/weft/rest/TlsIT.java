package org.weft.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsIT {

    private static final String PASSWORD = "weft-test-pass";

    @TempDir Path dir;

    private Path keyStore() throws Exception {
        Path ks = dir.resolve("rest.p12");
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
                                "CN=localhost",
                                "-ext",
                                "SAN=ip:127.0.0.1",
                                "-validity",
                                "2",
                                "-storetype",
                                "PKCS12",
                                "-keystore",
                                ks.toString(),
                                "-storepass",
                                PASSWORD,
                                "-keypass",
                                PASSWORD)
                        .redirectErrorStream(true)
                        .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        return ks;
    }

    private static SSLContext trusting(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    @Test
    void withAKeyStoreTheApiIsServedOverHttpsOnly() throws Exception {
        Path ks = keyStore();
        RestConfig cfg =
                RestConfig.defaults(dir)
                        .withPort(0)
                        .withToken(RestTestBed.TOKEN, false)
                        .withTls(ks, PASSWORD);
        try (RestTestBed bed = new RestTestBed(cfg, Map.of())) {
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(ks)).build();
            URI health = URI.create("https://127.0.0.1:" + bed.server.port() + "/api/v1/health");
            HttpResponse<String> r =
                    https.send(
                            HttpRequest.newBuilder(health).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("UP");

            assertThatThrownBy(() -> bed.get("/api/v1/health"))
                    .isInstanceOf(java.io.IOException.class);
        }
    }
}
