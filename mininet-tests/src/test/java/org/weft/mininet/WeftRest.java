package org.weft.mininet;

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

/**
 * Client of the controller's REST API ({@code /api/v1/...} on {@code --rest-port}; reads need no
 * token, {@link #send} carries one for writes). Checks that use it run when {@code weft.rest} is
 * true ({@link #enabled()}; the pom sets it, {@code -Dweft.rest=false} switches them off, e.g. for
 * a controller without these routes); the suite checks the same facts through OVS and traffic
 * either way.
 *
 * <p>Expected shapes (DPIDs printed {@code 00:00:00:00:00:00:00:01}):
 *
 * <ul>
 *   <li>{@code GET /api/v1/switches}: {@code [{dpid, ...}]}
 *   <li>{@code GET /api/v1/links}: {@code [{src:{dpid,port}, dst:{dpid,port}}]}, one per direction
 *   <li>{@code GET /api/v1/hosts}: {@code [{mac, vlan, ips:[...], location:{dpid,port}}]}
 * </ul>
 */
public final class WeftRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI base;

    public WeftRest(int restPort) {
        this.base = URI.create("http://127.0.0.1:" + restPort + "/api/v1/");
    }

    /** Whether REST checks are switched on ({@code -Dweft.rest=true}). */
    public static boolean enabled() {
        return Boolean.getBoolean("weft.rest");
    }

    /** A link end or host location. */
    public record Point(String dpid, long port) {}

    /** A directed link as the controller knows it. */
    public record Link(Point src, Point dst) {}

    /** A host as the controller knows it. */
    public record Host(String mac, int vlan, List<String> ips, Point location) {}

    /** DPIDs of the connected switches. */
    public List<String> switches() {
        List<String> result = new ArrayList<>();
        get("switches").forEach(s -> result.add(s.path("dpid").asText()));
        return result;
    }

    public List<Link> links() {
        List<Link> result = new ArrayList<>();
        get("links").forEach(l -> result.add(new Link(point(l.path("src")), point(l.path("dst")))));
        return result;
    }

    public List<Host> hosts() {
        List<Host> result = new ArrayList<>();
        for (JsonNode h : get("hosts")) {
            List<String> ips = new ArrayList<>();
            h.path("ips").forEach(ip -> ips.add(ip.asText()));
            result.add(
                    new Host(
                            h.path("mac").asText(),
                            h.path("vlan").asInt(-1),
                            ips,
                            point(h.path("location"))));
        }
        return result;
    }

    /** A REST answer: status and body (parsed JSON, a null node when empty). */
    public record Answer(int status, JsonNode body) {}

    /**
     * Sends {@code method} to {@code /api/v1/path} with a bearer token and an optional JSON body
     * (writes need the token; see docs/rest-api.md).
     */
    public Answer send(String method, String path, String body, String token) {
        HttpRequest request =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    r.statusCode(), r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new AssertionError(method + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** {@code GET /api/v1/path} as JSON (status 200 expected). */
    public JsonNode read(String path) {
        return get(path);
    }

    /** {@code 00:00:00:00:00:00:00:01} for DPID 1. */
    public static String dpid(long value) {
        String hex = String.format("%016x", value);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            if (i > 0) {
                text.append(':');
            }
            text.append(hex, i, i + 2);
        }
        return text.toString();
    }

    private static Point point(JsonNode p) {
        return new Point(p.path("dpid").asText(), p.path("port").asLong(-1));
    }

    private JsonNode get(String path) {
        HttpRequest request =
                HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(
                        "GET "
                                + request.uri()
                                + " -> "
                                + response.statusCode()
                                + ": "
                                + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
