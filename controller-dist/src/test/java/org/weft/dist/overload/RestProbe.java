package org.weft.dist.overload;

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
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Weft's REST API, throughout a scenario, on a thread of its own: {@code GET /api/v1/health}
 * every 100 ms (each must answer 200 within 1 s) and {@code GET /api/v1/switches} every 500 ms (the
 * good switch must be listed every time).
 */
final class RestProbe implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RestProbe.class);

    static final Duration HEALTH_LIMIT = Duration.ofSeconds(1);
    private static final long HEALTH_PERIOD_MS = 100;
    private static final int LIST_EVERY = 5;
    private static final int KEPT = 10;

    private final HttpClient http;
    private final String base;
    private final String token;
    private final String goodDpid;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong healthChecks = new AtomicLong();
    private final AtomicLong listChecks = new AtomicLong();
    private final AtomicLong maxHealthNanos = new AtomicLong();
    private final List<String> healthFailures = new ArrayList<>();
    private final List<String> listFailures = new ArrayList<>();
    private final AtomicLong healthFailureCount = new AtomicLong();
    private final AtomicLong listFailureCount = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean sampling;

    RestProbe(int restPort, String token, String goodDpid, long maxRunMillis) {
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(HEALTH_LIMIT)
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
        this.base = "http://127.0.0.1:" + restPort;
        this.token = token;
        this.goodDpid = goodDpid;
        this.thread = new Thread(() -> loop(maxRunMillis), "overload-rest-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts recording (requests made before, while Weft warms up, are not judged). */
    void startSampling() {
        sampling = true;
    }

    private void loop(long maxRunMillis) {
        long end = System.nanoTime() + maxRunMillis * 1_000_000;
        long round = 0;
        try {
            while (running && System.nanoTime() < end) {
                if (sampling) {
                    checkHealth();
                    if (round++ % LIST_EVERY == 0) {
                        checkListed();
                    }
                }
                Thread.sleep(HEALTH_PERIOD_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkHealth() {
        long start = System.nanoTime();
        String failure;
        try {
            HttpResponse<String> r = get("/api/v1/health", HEALTH_LIMIT);
            long took = System.nanoTime() - start;
            maxHealthNanos.accumulateAndGet(took, Math::max);
            if (r.statusCode() != 200 || !r.body().contains("\"UP\"")) {
                failure = "health answered " + r.statusCode() + ": " + r.body();
            } else if (took > HEALTH_LIMIT.toNanos()) {
                failure = "health took " + took / 1_000_000 + " ms";
            } else {
                failure = null;
            }
        } catch (IOException | RuntimeException e) {
            maxHealthNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
            failure =
                    "health failed after " + (System.nanoTime() - start) / 1_000_000 + " ms: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        healthChecks.incrementAndGet();
        if (failure != null) {
            healthFailureCount.incrementAndGet();
            keep(healthFailures, failure);
        }
    }

    private void checkListed() {
        String failure;
        try {
            HttpResponse<String> r = get("/api/v1/switches", Duration.ofSeconds(2));
            if (r.statusCode() != 200) {
                failure = "switches answered " + r.statusCode();
            } else {
                boolean listed = false;
                for (JsonNode s : json.readTree(r.body())) {
                    listed |= goodDpid.equals(s.path("dpid").asText());
                }
                failure = listed ? null : "good switch not listed: " + abbreviate(r.body());
            }
        } catch (IOException | RuntimeException e) {
            failure = "switches failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        listChecks.incrementAndGet();
        if (failure != null) {
            listFailureCount.incrementAndGet();
            keep(listFailures, failure);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static void keep(List<String> list, String what) {
        synchronized (list) {
            if (list.size() < KEPT) {
                list.add(what);
            }
        }
    }

    HttpResponse<String> get(String path, Duration timeout)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET that does not block the caller. */
    CompletableFuture<HttpResponse<String>> getAsync(String path, Duration timeout) {
        return http.sendAsync(
                HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An authorised POST of a JSON body that does not block the caller. */
    CompletableFuture<HttpResponse<String>> postAsync(String path, String body, Duration timeout) {
        return http.sendAsync(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(timeout)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    long healthChecks() {
        return healthChecks.get();
    }

    long listChecks() {
        return listChecks.get();
    }

    long maxHealthMillis() {
        return maxHealthNanos.get() / 1_000_000;
    }

    long healthFailureCount() {
        return healthFailureCount.get();
    }

    long listFailureCount() {
        return listFailureCount.get();
    }

    List<String> healthFailures() {
        synchronized (healthFailures) {
            return List.copyOf(healthFailures);
        }
    }

    List<String> listFailures() {
        synchronized (listFailures) {
            return List.copyOf(listFailures);
        }
    }

    @Override
    public void close() {
        running = false;
        OverloadBed.join(thread, 3_000);
        if (thread.isAlive()) {
            log.warn("REST probe still busy at close");
        }
    }
}
