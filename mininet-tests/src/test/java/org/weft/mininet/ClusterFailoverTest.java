package org.weft.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three Weft jars on a real ZooKeeper server, a looped fabric (a ring of six Open vSwitch switches)
 * with every switch connected to all three. The instance that masters the ingress switch of an
 * active ping dies ({@code kill -9}) or is cut off from ZooKeeper: its switches get new masters
 * within the session timeout plus a second, not one ping at 10 ms intervals is lost while
 * mastership moves, a pair of hosts that never talked before reaches within the session timeout
 * plus two seconds, and the instance rejoins and takes a balanced share again without a lost ping.
 */
class ClusterFailoverTest extends MininetTestSupport {
    private static final int SESSION_TIMEOUT_MS = 3_000;
    private static final Duration REMASTER = Duration.ofMillis(SESSION_TIMEOUT_MS + 1_000);
    private static final Duration NEW_PAIR = Duration.ofMillis(SESSION_TIMEOUT_MS + 2_000);
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Duration PING_INTERVAL = Duration.ofMillis(10);

    /** h1 on s1 pings h4 on s4 (across the ring); h3 and h6 say nothing until the failure. */
    private static final List<String> ACTIVE = List.of("h1", "h4");

    private static final List<String> NEW = List.of("h3", "h6");

    private WeftCluster cluster;
    private Topology ring;

    @BeforeEach
    void startCluster() throws IOException {
        cluster = WeftCluster.start(testDir, 3, SESSION_TIMEOUT_MS);
        ring = Topologies.ring(6);
        buildWithControllers(ring, OpenFlowVersion.OF13, cluster.openflowPorts());
        awaitEverySwitchOnEveryInstance("after build");
        awaitBalanced(cluster.instances(), "after build");
        fabric.awaitSpanningTree(SETTLE, "after build");
        List<String> talking = new ArrayList<>();
        ring.hosts().stream()
                .map(Topology.Host::name)
                .filter(h -> !NEW.contains(h))
                .forEach(talking::add);
        mininet.announce(talking);
        List<List<String>> pairs = new ArrayList<>();
        for (String a : talking) {
            for (String b : talking) {
                if (!a.equals(b)) {
                    pairs.add(List.of(a, b));
                }
            }
        }
        fabric.awaitAllReach(pairs, SETTLE, "before the failure");
    }

    @AfterEach
    void stopCluster() {
        if (cluster == null) {
            return;
        }
        cluster.close();
        List<String> problems = new ArrayList<>();
        for (WeftProcess p : cluster.processes()) {
            p.problemLines().forEach(l -> problems.add(p.log() + ":" + l));
        }
        assertThat(problems).as("ERROR lines or stack traces in the instances' logs").isEmpty();
    }

    /**
     * The kill, then the restart: the restarted instance is offered each switch only once it knows
     * the switch's shared links and hosts and has planned their routes ({@code ClusterReadiness}),
     * so its first reconcile pass finds the old master's entries as it would have made them.
     */
    @Test
    void killingTheIngressMasterLosesNoPing() throws IOException {
        PingTrace r = killThenRestart();
        assertThat(r.lost()).as("pings lost while the instance rejoined (%s)", r).isZero();
    }

    private PingTrace killThenRestart() throws IOException {
        WeftCluster.Instance victim = masterOf("s1");
        WeftCluster.Instance witness = other(victim);
        int trace = mininet.pingBackgroundStart(ACTIVE.get(0), ACTIVE.get(1), PING_INTERVAL);
        pause(Duration.ofSeconds(1));

        long killedAt = System.nanoTime();
        cluster.kill(victim);
        Duration remastered =
                awaitNoSwitchMasteredBy(victim, witness, "after kill -9 of " + victim.id());
        Duration reached = awaitNewPair(killedAt, "after kill -9 of " + victim.id());
        PingTrace t = mininet.pingBackgroundStop(trace);
        record(
                String.format(
                        "cluster kill -9 of %s (master of s1): re-mastered after %d ms, new pair"
                                + " reached after %d ms; %s->%s %d/%d replies, %d lost, largest gap"
                                + " %.0f ms",
                        victim.id(),
                        remastered.toMillis(),
                        reached.toMillis(),
                        ACTIVE.get(0),
                        ACTIVE.get(1),
                        t.received(),
                        t.sent(),
                        t.lost(),
                        t.maxGapMs()));
        assertThat(remastered)
                .as("time to new masters after the kill")
                .isLessThanOrEqualTo(REMASTER);
        assertThat(reached).as("time until a new pair reaches").isLessThanOrEqualTo(NEW_PAIR);
        assertThat(t.lost()).as("pings lost while mastership moved (%s)", t).isZero();

        int rejoin = mininet.pingBackgroundStart(ACTIVE.get(0), ACTIVE.get(1), PING_INTERVAL);
        cluster.restart(victim);
        awaitBalanced(cluster.instances(), "after " + victim.id() + " restarted");
        fabric.awaitAllReach(List.of(ACTIVE, NEW), SETTLE, "after the rejoin");
        PingTrace r = mininet.pingBackgroundStop(rejoin);
        record(
                String.format(
                        "cluster rejoin of %s: masters %s; %d/%d replies, %d lost",
                        victim.id(), cluster.masters(witness), r.received(), r.sent(), r.lost()));
        return r;
    }

    @Test
    void anInstanceCutOffFromZooKeeperLosesItsSwitchesAndNoPing() {
        WeftCluster.Instance victim = masterOf("s1");
        WeftCluster.Instance witness = other(victim);
        int trace = mininet.pingBackgroundStart(ACTIVE.get(0), ACTIVE.get(1), PING_INTERVAL);
        pause(Duration.ofSeconds(1));

        long cutAt = System.nanoTime();
        victim.relay().cut();
        Duration remastered =
                awaitNoSwitchMasteredBy(victim, witness, victim.id() + " partitioned");
        Duration reached = awaitNewPair(cutAt, victim.id() + " partitioned");
        PingTrace t = mininet.pingBackgroundStop(trace);
        record(
                String.format(
                        "cluster partition of %s from ZooKeeper: re-mastered after %d ms, new pair"
                                + " reached after %d ms; %d/%d replies, %d lost, largest gap %.0f ms",
                        victim.id(),
                        remastered.toMillis(),
                        reached.toMillis(),
                        t.received(),
                        t.sent(),
                        t.lost(),
                        t.maxGapMs()));
        assertThat(remastered)
                .as("time to new masters after the partition")
                .isLessThanOrEqualTo(REMASTER);
        assertThat(reached).as("time until a new pair reaches").isLessThanOrEqualTo(NEW_PAIR);
        assertThat(t.lost()).as("pings lost while mastership moved (%s)", t).isZero();

        int rejoin = mininet.pingBackgroundStart(ACTIVE.get(0), ACTIVE.get(1), PING_INTERVAL);
        victim.relay().heal();
        awaitBalanced(cluster.instances(), "after the partition healed");
        fabric.awaitAllReach(List.of(ACTIVE, NEW), SETTLE, "after the partition healed");
        PingTrace r = mininet.pingBackgroundStop(rejoin);
        record(
                String.format(
                        "cluster heal of %s: masters %s; %d/%d replies, %d lost",
                        victim.id(), cluster.masters(witness), r.received(), r.sent(), r.lost()));
        assertThat(r.lost()).as("pings lost while the partition healed (%s)", r).isZero();
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String dpidOf(String sw) {
        long n = Long.parseLong(sw.substring(1));
        String hex = String.format("%016x", n);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            sb.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return sb.toString();
    }

    private WeftCluster.Instance masterOf(String sw) {
        String id = cluster.masters(cluster.instances().get(0)).get(dpidOf(sw));
        assertThat(id).as("master of %s", sw).isNotNull();
        return cluster.instance(id);
    }

    private WeftCluster.Instance other(WeftCluster.Instance not) {
        return cluster.instances().stream().filter(i -> i != not).findFirst().orElseThrow();
    }

    /** Every switch shows all three instances connected. */
    private void awaitEverySwitchOnEveryInstance(String context) {
        AtomicReference<Map<String, List<String>>> seen = new AtomicReference<>(Map.of());
        Wait.until(
                "every switch connected to all "
                        + cluster.instances().size()
                        + " instances ("
                        + context
                        + ")",
                SETTLE,
                () -> {
                    seen.set(mininet.connectedTargets());
                    return seen.get().size() == ring.switches().size()
                            && seen.get().values().stream()
                                    .allMatch(t -> t.size() == cluster.instances().size());
                },
                () -> seen.get().toString());
    }

    /** All instances alive, agreeing on every switch's master, each mastering two of the six. */
    private void awaitBalanced(List<WeftCluster.Instance> among, String context) {
        AtomicReference<String> seen = new AtomicReference<>("");
        Wait.until(
                "balanced mastership, agreed by all (" + context + ")",
                SETTLE,
                () -> {
                    List<Map<String, String>> views = among.stream().map(cluster::masters).toList();
                    seen.set(views.toString());
                    Map<String, String> first = views.get(0);
                    return first.size() == ring.switches().size()
                            && views.stream().allMatch(first::equals)
                            && among.stream()
                                    .allMatch(i -> cluster.aliveNodes(i).size() == among.size())
                            && WeftCluster.load(first).size() == among.size()
                            && WeftCluster.load(first).values().stream()
                                    .allMatch(n -> n == ring.switches().size() / among.size());
                },
                seen::get);
    }

    /**
     * Polls {@code witness} until no switch is mastered by {@code gone}; returns how long it took.
     */
    private Duration awaitNoSwitchMasteredBy(
            WeftCluster.Instance gone, WeftCluster.Instance witness, String context) {
        long start = System.nanoTime();
        AtomicReference<Map<String, String>> seen = new AtomicReference<>(Map.of());
        Wait.until(
                "every switch mastered by a live instance (" + context + ")",
                SETTLE,
                () -> {
                    seen.set(cluster.masters(witness));
                    return seen.get().size() == ring.switches().size()
                            && !seen.get().containsValue(gone.id());
                },
                () -> seen.get().toString());
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Pings between the silent pair until one answers; returns the time since {@code since}. */
    private Duration awaitNewPair(long since, String context) {
        Wait.until(
                NEW.get(0) + " reaches " + NEW.get(1) + " (" + context + ")",
                SETTLE,
                () -> mininet.ping(NEW.get(0), NEW.get(1), 1).received() > 0,
                () -> "");
        return Duration.ofNanos(System.nanoTime() - since);
    }
}
