package org.weft.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;

/**
 * Packet-ins Weft dropped, read from its REST API: the Prometheus counter {@code
 * weft_packet_ins_dropped_total{dpid=...}} at {@code /metrics}, else the {@code packetInsDropped}
 * field (at any depth) of {@code GET /api/v1/switches/{dpid}}. Switches no longer connected may be
 * missing from either. A controller without either (another controller, or a Weft without the
 * counter) gives -1, reported as n/a.
 */
final class DroppedPacketIns {

    private static final Logger log = LoggerFactory.getLogger(DroppedPacketIns.class);
    static final String METRIC = "weft_packet_ins_dropped_total";
    static final String FIELD = "packetInsDropped";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** All per-switch requests together, so a slow API cannot hold the run for long. */
    private static final Duration SWITCHES_LIMIT = Duration.ofSeconds(20);

    private static final Pattern DPID_LABEL = Pattern.compile("dpid=\"([^\"]*)\"");

    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .connectTimeout(TIMEOUT)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param restUrl e.g. {@code http://127.0.0.1:8181}
     */
    DroppedPacketIns(String restUrl) {
        this.base = restUrl.endsWith("/") ? restUrl.substring(0, restUrl.length() - 1) : restUrl;
    }

    /** Packet-ins dropped for these switches in all, or -1 when Weft does not tell. */
    long read(Collection<Dpid> dpids) {
        try {
            long fromMetrics = fromMetrics(new HashSet<>(dpids));
            return fromMetrics >= 0 ? fromMetrics : fromSwitches(dpids);
        } catch (IOException e) {
            log.warn("Cannot read dropped packet-ins from {}: {}", base, e.toString());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while reading dropped packet-ins from {}", base);
            return -1;
        }
    }

    /** Sum of the counter over the switches; -1 when /metrics has no such counter. */
    private long fromMetrics(Set<Dpid> dpids) throws IOException, InterruptedException {
        String body = get("/metrics");
        if (body == null) {
            return -1;
        }
        boolean present = false;
        double sum = 0;
        for (String line : body.split("\n")) {
            if (!line.startsWith(METRIC)) {
                continue;
            }
            present = true;
            Matcher m = DPID_LABEL.matcher(line);
            if (m.find() && dpids.contains(parseDpid(m.group(1)))) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return present ? Math.round(sum) : -1;
    }

    /** Sum of the per-switch field; -1 when a switch is unknown or has no such field. */
    private long fromSwitches(Collection<Dpid> dpids) throws IOException, InterruptedException {
        long sum = 0;
        long deadline = System.nanoTime() + SWITCHES_LIMIT.toNanos();
        for (Dpid d : dpids) {
            if (System.nanoTime() > deadline) {
                log.warn("Reading {} of every switch took over {}: n/a", FIELD, SWITCHES_LIMIT);
                return -1;
            }
            String body = get("/api/v1/switches/" + d);
            if (body == null) {
                return -1;
            }
            JsonNode field = json.readTree(body).findValue(FIELD);
            if (field == null || !field.canConvertToLong()) {
                log.info("GET /api/v1/switches/{} has no {} field: n/a", d, FIELD);
                return -1;
            }
            sum += field.asLong();
        }
        return sum;
    }

    private static Dpid parseDpid(String text) {
        try {
            return Dpid.parse(text);
        } catch (IllegalArgumentException e) {
            log.debug("Ignoring a dpid label that is no DPID: {}", e.getMessage());
            return null;
        }
    }

    /** The body of a 200 answer, or null (logged) for any other status. */
    private String get(String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            log.info("GET {}{}: status {}", base, path, r.statusCode());
            return null;
        }
        return r.body();
    }
}
