package org.weft.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.rest.RestTestBed.Reply;

class AuthIT {

    @TempDir Path dir;

    private static final String DROP = "{\"dpid\":\"0000000000000001\",\"priority\":1}";

    private static Reply postWith(RestTestBed bed, String authorization) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(bed.uri("/api/v1/flows"))
                        .POST(HttpRequest.BodyPublishers.ofString(DROP));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return bed.send(b);
    }

    @Test
    void writesNeedTheBearerToken() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            bed.connect(1);
            for (String auth :
                    new String[] {null, "Bearer wrong-token-wrong-token", "Basic abc", "Bearer "}) {
                Reply r = postWith(bed, auth);
                assertThat(r.status()).as("%s", auth).isEqualTo(401);
                assertThat(r.json().get("error").asText()).isEqualTo("unauthorized");
                assertThat(r.raw().headers().firstValue("WWW-Authenticate")).isPresent();
            }
            Reply del = bed.send(HttpRequest.newBuilder(bed.uri("/api/v1/flows/1")).DELETE());
            assertThat(del.status()).isEqualTo(401);
            assertThat(bed.get("/api/v1/flows/static").json()).isEmpty();

            assertThat(postWith(bed, "Bearer " + RestTestBed.TOKEN).status()).isEqualTo(201);
            assertThat(bed.get("/api/v1/switches").status()).isEqualTo(200);
        }
    }

    @Test
    void readsCanRequireTheTokenExceptHealth() throws Exception {
        RestConfig cfg = RestConfig.defaults(dir).withPort(0).withToken(RestTestBed.TOKEN, true);
        try (RestTestBed bed = new RestTestBed(cfg, Map.of())) {
            Reply anonymous = bed.get("/api/v1/switches");
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(bed.get("/metrics").status()).isEqualTo(401);
            assertThat(bed.get("/api/v1/health").status()).isEqualTo(200);
            Reply withToken =
                    bed.send(
                            HttpRequest.newBuilder(bed.uri("/api/v1/switches"))
                                    .header("Authorization", "Bearer " + RestTestBed.TOKEN)
                                    .GET());
            assertThat(withToken.status()).isEqualTo(200);
        }
    }

    @Test
    void withoutAConfiguredTokenOneIsGeneratedIntoAnOwnerOnlyFile() throws Exception {
        RestConfig cfg = RestConfig.defaults(dir).withPort(0);
        String token;
        try (RestTestBed bed = new RestTestBed(cfg, Map.of())) {
            token = bed.server.token();
            Path file = dir.resolve(ApiTokens.FILE);
            assertThat(Files.readString(file).strip()).isEqualTo(token);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            assertThat(token).hasSizeGreaterThanOrEqualTo(32);
        }
        try (RestTestBed again = new RestTestBed(cfg, Map.of())) {
            assertThat(again.server.token()).as("kept across restarts").isEqualTo(token);
        }
    }

    @Test
    void theEnvironmentVariableWins() throws Exception {
        RestConfig cfg = RestConfig.defaults(dir).withPort(0).withToken(RestTestBed.TOKEN, false);
        String fromEnv = "from-the-environment-0123456789";
        try (RestTestBed bed = new RestTestBed(cfg, Map.of(ApiTokens.ENV, fromEnv))) {
            assertThat(bed.server.token()).isEqualTo(fromEnv);
            bed.connect(1);
            assertThat(postWith(bed, "Bearer " + RestTestBed.TOKEN).status()).isEqualTo(401);
            assertThat(postWith(bed, "Bearer " + fromEnv).status()).isEqualTo(201);
            assertThat(Files.exists(dir.resolve(ApiTokens.FILE))).isFalse();
        }
    }
}
