package org.weft.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.cluster.ClusterView;
import org.weft.net.cluster.MastershipEvent;
import org.weft.net.cluster.MastershipRole;

/** Three instances on a real three-server ZooKeeper ensemble (Curator's TestingCluster). */
class ZooKeeperMastershipIT {

    private static final int SWITCHES = 9;
    private static final Duration SESSION = Duration.ofMillis(2_000);

    private TestingCluster zk;
    private final List<ZooKeeperMastership> nodes = new ArrayList<>();
    private final InstanceChanges changes = new InstanceChanges();

    @BeforeEach
    void setUp() throws Exception {
        zk = new TestingCluster(3);
        zk.start();
        for (String id : List.of("n1", "n2", "n3")) {
            nodes.add(start(id));
        }
    }

    private ZooKeeperMastership start(String id) {
        ZooKeeperMastership m =
                new ZooKeeperMastership(
                        new ClusterConfig(zk.getConnectString(), id, id + ":6653", SESSION));
        changes.watch(m.start());
        m.becomeCandidate();
        m.admitSwitchesBy(SwitchAdmission.AT_ONCE);
        for (int i = 1; i <= SWITCHES; i++) {
            m.switchConnected(Dpid.of(i));
        }
        return m;
    }

    @AfterEach
    void tearDown() throws Exception {
        nodes.forEach(ZooKeeperMastership::close);
        zk.close();
    }

    /** Returns once {@code done} holds: checked again on every role or connection change. */
    private void await(Duration limit, BooleanSupplier done) throws InterruptedException {
        changes.await(limit, done);
    }

    /** Each instance's masters, generations, for a failure message. */
    private static String roles(List<ZooKeeperMastership> among) {
        StringBuilder sb = new StringBuilder();
        for (ZooKeeperMastership m : among) {
            sb.append(m.nodeId()).append(':');
            for (int i = 1; i <= SWITCHES; i++) {
                Dpid d = Dpid.of(i);
                sb.append(' ')
                        .append(i)
                        .append(m.isMaster(d) ? "M" : "s")
                        .append(m.generationId(d));
            }
            sb.append("; ");
        }
        return sb.toString();
    }

    /** Every switch has exactly one master among the given instances, balanced within one. */
    private boolean balanced(List<ZooKeeperMastership> among) {
        List<Integer> loads = new ArrayList<>();
        for (ZooKeeperMastership m : among) {
            int n = 0;
            for (int i = 1; i <= SWITCHES; i++) {
                if (m.isMaster(Dpid.of(i))) {
                    n++;
                }
            }
            loads.add(n);
        }
        for (int i = 1; i <= SWITCHES; i++) {
            Dpid d = Dpid.of(i);
            if (among.stream().filter(m -> m.isMaster(d)).count() != 1) {
                return false;
            }
        }
        int max = loads.stream().mapToInt(x -> x).max().orElse(0);
        int min = loads.stream().mapToInt(x -> x).min().orElse(0);
        return max - min <= 1;
    }

    private boolean agree(List<ZooKeeperMastership> among) {
        for (int i = 1; i <= SWITCHES; i++) {
            Dpid d = Dpid.of(i);
            if (among.stream().mapToLong(m -> m.generationId(d)).distinct().count() != 1) {
                return false;
            }
        }
        return true;
    }

    @Test
    void mastershipIsBalancedAndEveryInstanceAgrees() throws Exception {
        await(Duration.ofSeconds(15), () -> balanced(nodes) && agree(nodes));
        for (int i = 1; i <= SWITCHES; i++) {
            Dpid d = Dpid.of(i);
            long gen = nodes.get(0).generationId(d);
            assertThat(gen).isPositive();
            assertThat(nodes).allSatisfy(m -> assertThat(m.generationId(d)).isEqualTo(gen));
        }
        ClusterView view = nodes.get(1).view();
        assertThat(view.clustered()).isTrue();
        assertThat(view.nodes()).hasSize(3).allSatisfy(n -> assertThat(n.alive()).isTrue());
        assertThat(view.nodes().stream().mapToInt(n -> n.switchesMastered()).sum())
                .isEqualTo(SWITCHES);
        assertThat(view.leader()).isIn("n1", "n2", "n3");
        assertThat(view.zookeeper()).isEqualTo("CONNECTED");
    }

    @Test
    void aDeadInstancesSwitchesGetNewMastersWithHigherGenerations() throws Exception {
        await(Duration.ofSeconds(15), () -> balanced(nodes));
        ZooKeeperMastership victim = nodes.get(0);
        Map<Dpid, Long> before = new ConcurrentHashMap<>();
        for (int i = 1; i <= SWITCHES; i++) {
            if (victim.isMaster(Dpid.of(i))) {
                before.put(Dpid.of(i), victim.generationId(Dpid.of(i)));
            }
        }
        assertThat(before).isNotEmpty();
        List<MastershipEvent> gained = new java.util.concurrent.CopyOnWriteArrayList<>();
        nodes.get(1).addListener(gained::add);
        nodes.get(2).addListener(gained::add);
        victim.close();
        nodes.remove(victim);
        long start = System.nanoTime();
        await(SESSION.plusSeconds(1), () -> balanced(nodes));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SESSION.plusSeconds(1));
        before.forEach(
                (dpid, gen) -> assertThat(nodes.get(0).generationId(dpid)).isGreaterThan(gen));
        assertThat(gained).anyMatch(e -> e.role() == MastershipRole.MASTER);
        // The instance comes back and takes a balanced share again.
        nodes.add(start("n1"));
        await(Duration.ofSeconds(10), () -> balanced(nodes));
    }

    @Test
    void anInstanceThatStepsDownIsSlaveUntilANewerAssignment() throws Exception {
        await(Duration.ofSeconds(15), () -> balanced(nodes));
        Dpid d = Dpid.of(1);
        ZooKeeperMastership master =
                nodes.stream().filter(m -> m.isMaster(d)).findFirst().orElseThrow();
        master.stepDown(d, master.generationId(d));
        await(Duration.ofSeconds(5), () -> master.role(d) == MastershipRole.SLAVE);
    }

    @Test
    void oneZooKeeperServerLostIsTolerated() throws Exception {
        await(Duration.ofSeconds(15), () -> balanced(nodes));
        InstanceSpec first = zk.getInstances().iterator().next();
        zk.killServer(first);
        nodes.get(2).close();
        nodes.remove(2);
        await(Duration.ofSeconds(15), () -> balanced(nodes));
    }

    @Test
    void aFullOutageKeepsTheRolesEveryInstanceHas() throws Exception {
        await(Duration.ofSeconds(15), () -> balanced(nodes));
        String before = roles(nodes);
        zk.stop();
        await(
                Duration.ofSeconds(10),
                () -> nodes.stream().noneMatch(m -> m.view().zookeeper().equals("CONNECTED")));
        // The servers stop one after the other: an instance whose server went first may lose its
        // session before the others, and the leader may move one of its switches in the last
        // moment the quorum lives (seen by some instances only). Once every instance is cut off,
        // nothing changes any more: each keeps the roles it has, for longer than a session lasts.
        String during = roles(nodes);
        Thread.sleep(SESSION.multipliedBy(2).toMillis());
        assertThat(roles(nodes)).as("roles before the outage: %s", before).isEqualTo(during);
    }
}
