package org.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.weft.net.Dpid;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowRule;
import org.weft.openflow.emulator.EmulatedSwitch;

/**
 * Static flows survive {@code kill -9} (the static-flow rework: ids from a persisted counter, the
 * reconciler converging static cookies to the store). Per seed: Weft's jar runs as a child process
 * with a data directory of its own and {@code reconcile.intervalS} 1; four emulated OpenFlow 1.3
 * switches (in this JVM, over loopback) connect; 200 static-flow requests follow one after the
 * other, a seeded mix of {@code POST /api/v1/flows} (6 in 10) and {@code DELETE /api/v1/flows/{id}}
 * of a flow still there (half of them the newest); during a seeded one of them Weft is killed
 * (SIGKILL to the PID this test started, a seeded 0-3 ms after the request left). Weft is started
 * again on the same data directory, the switches (which kept their tables, as a switch does)
 * reconnect, the remaining requests follow. After the restart and at the end, once a reconcile pass
 * had its chance:
 *
 * <ul>
 *   <li>the static-cookie entries (app id 0x10) of the switches' tables are exactly the flows
 *       {@code GET /api/v1/flows/static} lists (id, switch, priority);
 *   <li>every flow the client saw answered 201, and not deleted with a 204 since, is in both;
 *   <li>every flow answered 204 is in neither;
 *   <li>no id is ever issued twice, across the restart included (an id the store showed counts as
 *       issued).
 * </ul>
 *
 * The request in flight at the kill has no answer: either outcome is accepted, and the store
 * decides which it was. Reports and Weft's logs: {@code bench/target/static-crash/seed-N/}.
 */
class StaticFlowCrashJarIT {

    private static final int OPS = 200;
    private static final int SWITCHES = 4;
    private static final String TOKEN = "static-flow-crash-test-token";
    private static final String CONFIG = "reconcile:\n  intervalS: 1\n";

    /** Switches connected and listed by REST after a start. */
    private static final Duration CONNECTED = Duration.ofSeconds(15);

    /** Tables equal to the store: the pass on connect, else the periodic ones (every 1 s). */
    private static final Duration CONVERGED = Duration.ofSeconds(10);

    private static final Duration ANSWER = Duration.ofSeconds(15);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 23, 37, 41, 53, 67, 79, 83, 97, 101})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void switchesHoldExactlyTheStoredFlowsAfterAKillAndNoIdIsIssuedTwice(long seed)
            throws Exception {
        Path dir =
                Path.of(System.getProperty("weft.crash.dir", "target/static-crash"), "seed-" + seed)
                        .toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir);
        List<EmulatedSwitch> switches = new ArrayList<>();
        for (int i = 1; i <= SWITCHES; i++) {
            switches.add(EmulatedSwitch.builder(i).ports(4).record(false).build());
        }
        try {
            new Run(seed, dir, switches).run();
        } finally {
            switches.forEach(EmulatedSwitch::close);
        }
    }

    /** One seed's run; what the client knows is in its {@link StaticFlowLedger}. */
    private static final class Run implements StaticFlowLedger.Notes {
        private final long seed;
        private final Path dir;
        private final List<EmulatedSwitch> switches;
        private final Random rnd;
        private final int killAt;
        private final long killDelayNanos;
        private final StringBuilder report = new StringBuilder();
        private final StaticFlowLedger ledger;

        Run(long seed, Path dir, List<EmulatedSwitch> switches) {
            this.seed = seed;
            this.dir = dir;
            this.switches = switches;
            this.rnd = new Random(seed);
            this.killAt = 20 + rnd.nextInt(OPS - 40);
            this.killDelayNanos = rnd.nextInt(3_000_000);
            this.ledger = new StaticFlowLedger(context(), this);
        }

        void run() throws Exception {
            Path data = dir.resolve("data");
            note(
                    "seed %d: %d requests, Weft killed %.3f ms after sending request %d",
                    seed, OPS, killDelayNanos / 1e6, killAt);
            WeftJarProcess first = WeftJarProcess.start(dir, "weft-1", data, CONFIG, TOKEN);
            StaticFlowClient client;
            try {
                client = connect(first);
                for (int i = 0; i < killAt; i++) {
                    StaticFlowLedger.Request op = send(client, i);
                    ledger.book(op, answer(op), "before the kill");
                }
                StaticFlowLedger.Request inFlight = send(client, killAt);
                LockSupport.parkNanos(killDelayNanos);
                first.kill();
                StaticFlowClient.Answer a = answer(inFlight);
                if (a.answered()) {
                    note("%s was answered (%d) before the kill", inFlight.describe(), a.status());
                    ledger.book(inFlight, a, "at the kill");
                } else {
                    note("%s got no answer: %s", inFlight.describe(), a.body());
                    ledger.unanswered(inFlight);
                }
            } finally {
                first.close();
            }

            long restartAt = System.nanoTime();
            try (WeftJarProcess second = WeftJarProcess.start(dir, "weft-2", data, CONFIG, TOKEN)) {
                client = connect(second);
                note("restarted and reconnected in %d ms", millisSince(restartAt));
                ledger.learnFromStore(client.stored());
                awaitConverged(client, "after the restart");
                checkLedger(client, "after the restart");
                for (int i = killAt + 1; i < OPS; i++) {
                    StaticFlowLedger.Request op = send(client, i);
                    ledger.book(op, answer(op), "after the restart");
                }
                awaitConverged(client, "at the end");
                checkLedger(client, "at the end");
            } finally {
                Files.writeString(dir.resolve("report.txt"), report);
            }
            System.out.printf(
                    "seed %d: killed during request %d; %s%n", seed, killAt, ledger.summary());
        }

        /**
         * Sends request {@code i}: a POST (always while no flow is kept, else 6 in 10) or a DELETE.
         */
        private StaticFlowLedger.Request send(StaticFlowClient client, int i) {
            if (ledger.noneKept() || rnd.nextInt(10) < 6) {
                Dpid sw = Dpid.of(1 + rnd.nextInt(SWITCHES));
                int priority = 1000 + rnd.nextInt(1000);
                int out = rnd.nextInt(5);
                String json =
                        String.format(
                                "{\"dpid\":\"%s\",\"priority\":%d,\"match\":{\"ethType\":\"0x0800\","
                                        + "\"ipv4Dst\":\"10.1.%d.%d\"},\"actions\":[%s]}",
                                sw,
                                priority,
                                i / 256,
                                i % 256,
                                out == 0 ? "" : "{\"type\":\"OUTPUT\",\"port\":" + out + "}");
                return new StaticFlowLedger.Request(i, sw, null, client.post(json));
            }
            String id = ledger.pickToDelete(rnd);
            return new StaticFlowLedger.Request(i, null, id, client.delete(id));
        }

        private StaticFlowClient.Answer answer(StaticFlowLedger.Request op) throws Exception {
            return op.answer().get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Waits until Weft lists every switch as connected (their handshakes are done). */
        private StaticFlowClient connect(WeftJarProcess weft) throws Exception {
            for (EmulatedSwitch sw : switches) {
                sw.connect("127.0.0.1", weft.openflowPort())
                        .get(CONNECTED.toMillis(), TimeUnit.MILLISECONDS);
            }
            for (EmulatedSwitch sw : switches) {
                assertThat(sw.awaitHandshake(CONNECTED))
                        .as("%s: handshake of %s", context(), sw.dpid())
                        .isTrue();
            }
            StaticFlowClient client = new StaticFlowClient(weft.restUrl(), TOKEN);
            long deadline = System.nanoTime() + CONNECTED.toNanos();
            while (client.switches().size() < SWITCHES) {
                if (System.nanoTime() > deadline) {
                    fail(
                            "%s: Weft lists %s, not all %d switches",
                            context(), client.switches(), SWITCHES);
                }
                Thread.sleep(50);
            }
            return client;
        }

        /** Polls until the switches' static-cookie entries are exactly the store's flows. */
        private void awaitConverged(StaticFlowClient client, String when) throws Exception {
            long start = System.nanoTime();
            long deadline = start + CONVERGED.toNanos();
            List<String> store = List.of();
            List<String> tables = List.of();
            while (System.nanoTime() < deadline) {
                store = fromStore(client);
                tables = fromTables();
                if (store.equals(tables)) {
                    note(
                            "%s: tables equal the store (%d flows) after %d ms",
                            when, store.size(), millisSince(start));
                    return;
                }
                Thread.sleep(100);
            }
            List<String> onlyStore = new ArrayList<>(store);
            onlyStore.removeAll(tables);
            List<String> onlyTables = new ArrayList<>(tables);
            onlyTables.removeAll(store);
            fail(
                    "%s %s: the switches' static flows never equalled the store's within %s;"
                            + " only in the store (id@switch/priority): %s; only on switches: %s%s",
                    context(), when, CONVERGED, onlyStore, onlyTables, reportTail());
        }

        /** Every 201 not deleted since is kept; every 204 is gone. */
        private void checkLedger(StaticFlowClient client, String when) throws Exception {
            Map<String, Dpid> stored = new TreeMap<>();
            client.stored().forEach(s -> stored.put(s.id(), Dpid.parse(s.dpid())));
            Set<String> onSwitches = new TreeSet<>();
            fromTables().forEach(e -> onSwitches.add(e.substring(0, e.indexOf('@'))));
            ledger.check(stored, onSwitches, when);
        }

        private static List<String> fromStore(StaticFlowClient client) throws Exception {
            List<String> out = new ArrayList<>();
            for (StaticFlowClient.Stored s : client.stored()) {
                out.add(s.id() + "@" + Dpid.parse(s.dpid()) + "/" + s.priority());
            }
            out.sort(null);
            return out;
        }

        private List<String> fromTables() {
            List<String> out = new ArrayList<>();
            for (EmulatedSwitch sw : switches) {
                for (FlowRule r : sw.table().flows()) {
                    if (Cookies.appId(r.cookie()) == Cookies.STATIC_FLOW_APP) {
                        long id = r.cookie() & 0xffffffffffffL;
                        out.add(id + "@" + sw.dpid() + "/" + r.priority());
                    }
                }
            }
            out.sort(null);
            return out;
        }

        private String context() {
            return "seed " + seed + " (killed during request " + killAt + ")";
        }

        @Override
        public void note(String format, Object... args) {
            report.append(String.format(format, args)).append('\n');
        }

        @Override
        public String reportTail() {
            return "\nrun so far:\n" + report + "logs: " + dir;
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
