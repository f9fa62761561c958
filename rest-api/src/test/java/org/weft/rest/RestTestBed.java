package org.weft.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.openflow.OfConfig;
import org.weft.openflow.OfController;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.rest.events.DeviceEventSource;
import org.weft.rest.metrics.WeftMetrics;
import org.weft.store.impl.FileIntentStore;

/**
 * The real OpenFlow driver on an ephemeral port, emulated switches, and the REST server on an
 * ephemeral port with its store in a directory; closed together.
 */
public final class RestTestBed implements AutoCloseable {

    public static final String TOKEN = "test-token-0123456789abcdef";

    public final OfController controller;
    public final RestServer server;
    public final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    public final ObjectMapper json = new ObjectMapper();
    private final List<EmulatedSwitch> switches = new ArrayList<>();

    public RestTestBed(Path dataDir) throws Exception {
        this(RestConfig.defaults(dataDir).withPort(0).withToken(TOKEN, false), Map.of());
    }

    public RestTestBed(RestConfig config, Map<String, String> env) throws Exception {
        OfConfig of = OfConfig.defaults().withPorts(List.of(0));
        controller =
                new OfController(
                                new OfConfig(
                                        "127.0.0.1",
                                        List.of(0),
                                        of.handshakeTimeout(),
                                        of.echoInterval(),
                                        of.echoMissLimit(),
                                        of.duplicateProbeTimeout(),
                                        of.missSendLen(),
                                        false,
                                        2,
                                        null))
                        .start();
        RestServices services =
                new RestServices(
                        controller.deviceService(),
                        controller.flowRuleService(),
                        controller.statsService(),
                        new FileIntentStore(config.dataDir().resolve("intents")),
                        new WeftMetrics(),
                        List.of(new DeviceEventSource(controller.deviceService())));
        try {
            server = RestServer.start(config, services, env::get);
        } catch (Exception e) {
            controller.close();
            throw e;
        }
    }

    public String base() {
        return "http://127.0.0.1:" + server.port();
    }

    public EmulatedSwitch connect(long dpid) throws Exception {
        return connect(EmulatedSwitch.builder(dpid).version(OFVersion.OF_13).ports(4).build());
    }

    public EmulatedSwitch connect(EmulatedSwitch sw) throws Exception {
        switches.add(sw);
        sw.connect("127.0.0.1", controller.boundPorts().get(0)).get(5, TimeUnit.SECONDS);
        assertThat(sw.awaitHandshake(Duration.ofSeconds(5))).as("handshake").isTrue();
        waitUntil(() -> controller.deviceService().isConnected(sw.dpid()), Duration.ofSeconds(5));
        return sw;
    }

    /** A response with its status, raw body and parsed JSON (null when the body is not JSON). */
    public record Reply(int status, String body, JsonNode json, HttpResponse<String> raw) {}

    public Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Reply post(String path, String body) throws Exception {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", "Bearer " + server.token())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply delete(String path) throws Exception {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", "Bearer " + server.token())
                        .DELETE());
    }

    public Reply send(HttpRequest.Builder req) throws Exception {
        HttpResponse<String> r =
                http.send(
                        req.timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode node = null;
        if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            node = json.readTree(r.body());
        }
        return new Reply(r.statusCode(), r.body(), node, r);
    }

    /** GET returning the JSON body, for polling inside {@link #waitUntil}. */
    public JsonNode get0(String path) {
        try {
            return get(path).json();
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        }
    }

    public URI uri(String path) {
        return URI.create(base() + path);
    }

    public static void waitUntil(BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        server.close();
        switches.forEach(EmulatedSwitch::close);
        controller.close();
    }
}
