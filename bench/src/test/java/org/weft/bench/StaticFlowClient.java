package org.weft.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The static-flow part of Weft's REST API ({@code docs/rest-api.md}, "Static flows"), as a client
 * that may lose its server at any moment: every call has a time limit, and a call whose answer
 * never came is reported as such, not as a failure of the test.
 */
final class StaticFlowClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final String token;

    StaticFlowClient(String restUrl, String token) {
        this.base = restUrl + "/api/v1/";
        this.token = token;
    }

    /** A static flow as {@code GET /api/v1/flows/static} lists it. */
    record Stored(String id, String dpid, int priority, String cookie) {}

    /** What came back: a status and body, or (status -1) the reason nothing did. */
    record Answer(int status, String body) {
        boolean answered() {
            return status >= 0;
        }

        String id() {
            try {
                return JSON.readTree(body).path("id").asText();
            } catch (IOException e) {
                throw new IllegalStateException("unreadable answer " + body, e);
            }
        }
    }

    /** {@code POST /api/v1/flows}, sent now; the answer when it comes. */
    CompletableFuture<Answer> post(String json) {
        return send(
                request("flows")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code DELETE /api/v1/flows/{id}}, sent now; the answer when it comes. */
    CompletableFuture<Answer> delete(String id) {
        return send(request("flows/" + id).DELETE());
    }

    /** The static flows Weft keeps. */
    List<Stored> stored() throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        request("flows/static").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET flows/static: " + r.statusCode() + " " + r.body());
        }
        List<Stored> out = new ArrayList<>();
        for (JsonNode f : JSON.readTree(r.body())) {
            out.add(
                    new Stored(
                            f.path("id").asText(),
                            f.path("dpid").asText(),
                            f.path("priority").asInt(),
                            f.path("cookie").asText()));
        }
        return out;
    }

    /** DPIDs of the switches Weft lists as connected. */
    List<String> switches() throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(request("switches").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET switches: " + r.statusCode() + " " + r.body());
        }
        List<String> out = new ArrayList<>();
        JSON.readTree(r.body()).forEach(s -> out.add(s.path("dpid").asText()));
        return out;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token);
    }

    private CompletableFuture<Answer> send(HttpRequest.Builder b) {
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString())
                .handle(
                        (r, e) ->
                                e == null
                                        ? new Answer(r.statusCode(), r.body())
                                        : new Answer(-1, e.toString()));
    }
}
