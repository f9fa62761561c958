package org.weft.openflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.cluster.NotMasterException;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.testing.FakeMastership;
import org.weft.openflow.emulator.EmulatedSwitch;

/**
 * Two controllers (two cluster instances) connected to one emulated OpenFlow 1.3 switch: roles sent
 * with generation ids, writes only from the master, a stale master refused and stepping down.
 */
class MastershipIT {

    private static final Dpid DPID = Dpid.of(0x42);

    private final FakeMastership roleA = new FakeMastership("a");
    private final FakeMastership roleB = new FakeMastership("b");
    private OfController a;
    private OfController b;
    private EmulatedSwitch sw;

    private static OfController start(FakeMastership m) throws InterruptedException {
        OfConfig d = OfConfig.defaults();
        OfConfig c =
                new OfConfig(
                        "127.0.0.1",
                        List.of(0),
                        d.handshakeTimeout(),
                        d.echoInterval(),
                        d.echoMissLimit(),
                        d.duplicateProbeTimeout(),
                        d.missSendLen(),
                        false,
                        2,
                        null,
                        d.limits());
        return new OfController(c, m).start();
    }

    @BeforeEach
    void setUp() throws Exception {
        a = start(roleA);
        b = start(roleB);
        sw = EmulatedSwitch.builder(DPID.value()).build();
        sw.connect("127.0.0.1", a.boundPorts().get(0)).get(5, TimeUnit.SECONDS);
        sw.connectAlso("127.0.0.1", b.boundPorts().get(0)).get(5, TimeUnit.SECONDS);
        DriverTestBed.waitUntil(
                () -> roleA.connected.contains(DPID) && roleB.connected.contains(DPID),
                Duration.ofSeconds(5));
    }

    @AfterEach
    void tearDown() {
        sw.close();
        a.close();
        b.close();
    }

    private static FlowRule rule() {
        return FlowRule.builder(DPID)
                .priority(1000)
                .match(FlowMatch.builder().ethDst(MacAddress.parse("0a:00:00:00:00:02")).build())
                .actions(FlowAction.output(PortNumber.of(1)))
                .cookie(0x0002_0000_0000_0007L)
                .build();
    }

    private static BatchResult write(OfController c) throws Exception {
        return c.flowRuleService()
                .apply(DPID, List.of(FlowRuleOperation.add(rule())))
                .get(5, TimeUnit.SECONDS);
    }

    /**
     * Waits until the controller takes itself for the switch's master: it records that on its event
     * loop after sending the request, so the switch may have the new generation first.
     */
    private static void awaitMaster(OfController c) throws InterruptedException {
        DriverTestBed.waitUntil(
                () -> c.switches().get(DPID).map(s -> s.isMaster()).orElse(false),
                Duration.ofSeconds(5));
    }

    private void assign(String master, long generation) {
        roleA.assign(DPID, master, generation);
        roleB.assign(DPID, master, generation);
    }

    @Test
    void theMasterWritesTheSlaveIsRefusedBeforeTheWire() throws Exception {
        assertThatThrownBy(() -> write(a))
                .as("no role yet: nobody writes")
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(NotMasterException.class);
        assign("a", 5);
        DriverTestBed.waitUntil(() -> sw.maxGenerationId().orElse(0) == 5, Duration.ofSeconds(5));
        awaitMaster(a);
        assertThat(write(a).ok()).isTrue();
        assertThatThrownBy(() -> write(b)).hasCauseInstanceOf(NotMasterException.class);
        assertThat(sw.counters().slaveWritesRefused.sum()).isZero();
    }

    @Test
    void aNewMasterWithAHigherGenerationTakesOverAndTheOldOneIsStale() throws Exception {
        assign("a", 5);
        DriverTestBed.waitUntil(() -> sw.maxGenerationId().orElse(0) == 5, Duration.ofSeconds(5));
        // b's SLAVE request may have set generation 5 before a's MASTER request reached the
        // switch: a confirmed write (its barrier follows the request) shows the switch took it.
        awaitMaster(a);
        assertThat(write(a).ok()).isTrue();
        // Only b hears of the new assignment (a is partitioned from ZooKeeper).
        roleB.assign(DPID, "b", 9);
        DriverTestBed.waitUntil(() -> sw.maxGenerationId().orElse(0) == 9, Duration.ofSeconds(5));
        awaitMaster(b);
        assertThat(write(b).ok()).isTrue();
        // a still believes it is master: the switch refuses its writes (IS_SLAVE)...
        BatchResult refused = write(a);
        assertThat(refused.ok()).isFalse();
        assertThat(sw.counters().slaveWritesRefused.sum()).isPositive();
        // ...and its MASTER request with the old generation is STALE: a steps down.
        roleA.assign(DPID, "a", 5);
        DriverTestBed.waitUntil(() -> roleA.steppedDown.containsKey(DPID), Duration.ofSeconds(5));
        assertThatThrownBy(() -> write(a)).hasCauseInstanceOf(NotMasterException.class);
        assertThat(sw.maxGenerationId()).hasValue(9);
    }

    @Test
    void packetInsGoToTheMasterOnly() throws Exception {
        assign("b", 3);
        DriverTestBed.waitUntil(() -> sw.maxGenerationId().orElse(0) == 3, Duration.ofSeconds(5));
        awaitMaster(b);
        AtomicInteger atA = new AtomicInteger();
        AtomicInteger atB = new AtomicInteger();
        a.packetService().addProcessor(ctx -> atA.incrementAndGet(), 10);
        b.packetService().addProcessor(ctx -> atB.incrementAndGet(), 10);
        sw.sendPacketIn(PortNumber.of(1), new byte[60]);
        DriverTestBed.waitUntil(() -> atB.get() == 1, Duration.ofSeconds(5));
        assertThat(atA.get()).isZero();
    }
}
