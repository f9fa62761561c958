package org.weft.mininet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The harness's own logic; needs neither root nor OVS. */
class HarnessTest {

    @Test
    void logCheckFlagsErrorLinesAndStackTraces() {
        List<String> log =
                List.of(
                        "12:00:00.001 INFO  o.w.Main - Started, no errors so far",
                        "12:00:00.002 WARN  o.w.OfChannel - switch 1 disconnected",
                        "12:00:00.003 ERROR o.w.OfChannel - decode failed",
                        "java.lang.IllegalStateException: bad state",
                        "\tat org.weft.openflow.OfChannelHandler.read(OfChannelHandler.java:42)",
                        "Caused by: java.io.IOException: reset",
                        "12:00:00.004 INFO  o.w.Main - ERRORS counter reset");
        assertThat(WeftProcess.problemLines(log))
                .containsExactly(
                        "3: 12:00:00.003 ERROR o.w.OfChannel - decode failed",
                        "4: java.lang.IllegalStateException: bad state",
                        "5: \tat org.weft.openflow.OfChannelHandler.read(OfChannelHandler.java:42)",
                        "6: Caused by: java.io.IOException: reset");
    }

    @Test
    void ovsLogCheckFindsErrorsSentToTheControllerOnly() {
        String log =
                String.join(
                        "\n",
                        "2026-01-01T00:00:00Z|00001|connmgr|INFO|s1<->tcp:127.0.0.1:6653: sending"
                                + " OFPBAC_BAD_OUT_PORT error reply to OFPT_FLOW_MOD message",
                        "2026-01-01T00:00:00Z|00002|connmgr|INFO|s1<->unix#3: sending"
                                + " OFPBAC_BAD_OUT_GROUP error reply to OFPT_FLOW_MOD message",
                        "2026-01-01T00:00:00Z|00003|connmgr|INFO|s2<->tcp:127.0.0.1:16653: sending"
                                + " OFPBRC_BAD_TYPE error reply to OFPT_EXPERIMENTER message",
                        "2026-01-01T00:00:00Z|00004|dpif_netdev|ERR|error receiving data from"
                                + " s1-eth2: Network is down");
        assertThat(OvsLog.errorsSentTo(log, 6653))
                .hasSize(1)
                .first()
                .asString()
                .contains("s1<->tcp");
    }

    @Test
    void linearTopology() {
        Topology linear = Topologies.linear(3);
        assertThat(linear.switchNames()).containsExactly("s1", "s2", "s3");
        assertThat(linear.switches()).extracting(Topology.Switch::dpid).containsExactly(1L, 2L, 3L);
        assertThat(linear.links())
                .containsExactlyInAnyOrder(
                        new Topology.Link("h1", "s1"),
                        new Topology.Link("h2", "s2"),
                        new Topology.Link("h3", "s3"),
                        new Topology.Link("s1", "s2"),
                        new Topology.Link("s2", "s3"));
    }

    @Test
    void treeTopology() {
        Topology tree = Topologies.tree(2, 2);
        assertThat(tree.switchNames()).containsExactly("s1", "s2", "s3");
        assertThat(tree.hosts())
                .extracting(Topology.Host::name)
                .containsExactly("h1", "h2", "h3", "h4");
        assertThat(tree.links())
                .containsExactlyInAnyOrder(
                        new Topology.Link("s1", "s2"),
                        new Topology.Link("s1", "s3"),
                        new Topology.Link("s2", "h1"),
                        new Topology.Link("s2", "h2"),
                        new Topology.Link("s3", "h3"),
                        new Topology.Link("s3", "h4"));
    }

    @Test
    void ringClosesTheLine() {
        assertThat(Topologies.ring(4).links()).contains(new Topology.Link("s4", "s1")).hasSize(8);
    }

    @Test
    void zooFabricsHaveTheirTextbookShapes() {
        Topology ft = Topologies.fatTree4();
        assertThat(ft.switches()).hasSize(20);
        assertThat(ft.hosts()).hasSize(16);
        assertThat(ft.switchLinks()).hasSize(32);
        assertThat(ft.switchOf("h1")).isEqualTo("s13");
        assertThat(ft.switchOf("h16")).isEqualTo("s20");
        Topology abilene = Topologies.abilene();
        assertThat(abilene.switches()).hasSize(11);
        assertThat(abilene.switchLinks()).hasSize(14);
        Topology ls = Topologies.leafSpine(2, 4, 2);
        assertThat(ls.switchLinks()).hasSize(8);
        assertThat(ls.switchOf("h3")).isEqualTo("s4");
    }

    @Test
    void connectedPairsFollowCutsAndStoppedSwitches() {
        Topology line = Topologies.linear(3);
        assertThat(line.connectedHostPairs(Set.of(), Set.of())).hasSize(6);
        assertThat(line.connectedHostPairs(Set.of(new Topology.Link("s2", "s3")), Set.of()))
                .containsExactlyInAnyOrder(List.of("h1", "h2"), List.of("h2", "h1"));
        assertThat(line.connectedHostPairs(Set.of(), Set.of("s2"))).isEmpty();
        Topology ring = Topologies.ring(4);
        assertThat(ring.connectedHostPairs(Set.of(new Topology.Link("s1", "s2")), Set.of()))
                .hasSize(12);
        assertThat(ring.connectedHostPairs(Set.of(), Set.of("s2"))).hasSize(6);
    }

    @Test
    void restDpidsArePrintedWithColons() {
        assertThat(WeftRest.dpid(1)).isEqualTo("00:00:00:00:00:00:00:01");
        assertThat(WeftRest.dpid(0x14)).isEqualTo("00:00:00:00:00:00:00:14");
    }

    @Test
    void buildRequestCarriesDpidsAsHex() {
        var request = Topologies.linear(1).toBuildRequest(OpenFlowVersion.OF10, "127.0.0.1", 6653);
        assertThat(request.get("protocol")).isEqualTo("OpenFlow10");
        assertThat(request.get("switches").toString()).contains("0000000000000001");
    }

    /** Virtual time for the polling helpers: a sleep moves the clock on at once. */
    private static final class VirtualClock {
        private final AtomicLong nanos = new AtomicLong();
        final Wait.Clock clock = new Wait.Clock(nanos::get, nanos::addAndGet);

        Duration elapsed() {
            return Duration.ofNanos(nanos.get());
        }
    }

    @Test
    void waitUntilFailsWithDescriptionAndState() {
        VirtualClock time = new VirtualClock();
        assertThatThrownBy(
                        () ->
                                Wait.until(
                                        time.clock,
                                        "the moon turns blue",
                                        Duration.ofMillis(300),
                                        () -> false,
                                        () -> "still white"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the moon turns blue")
                .hasMessageContaining("still white")
                .hasMessageContaining("after 300 ms");
        assertThat(time.elapsed()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void waitUntilReturnsOnceTheConditionHolds() {
        VirtualClock time = new VirtualClock();
        AtomicInteger polls = new AtomicInteger();
        Wait.until(
                time.clock,
                "third poll",
                Duration.ofSeconds(5),
                () -> polls.incrementAndGet() >= 3,
                () -> "");
        assertThat(polls).hasValue(3);
        assertThat(time.elapsed()).isEqualTo(Wait.POLL.multipliedBy(2));
    }

    @Test
    void holdsForFailsOnTheFirstBadSample() {
        VirtualClock time = new VirtualClock();
        AtomicInteger samples = new AtomicInteger();
        assertThatThrownBy(
                        () ->
                                Wait.holdsFor(
                                        time.clock,
                                        "fewer than 3 samples",
                                        Duration.ofSeconds(5),
                                        Duration.ofMillis(10),
                                        () -> samples.incrementAndGet() < 3,
                                        samples::get))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("stopped holding at sample 3");
    }

    @Test
    void holdsForSamplesAcrossTheWholeDuration() {
        VirtualClock time = new VirtualClock();
        AtomicInteger samples = new AtomicInteger();
        Wait.holdsFor(
                time.clock,
                "always",
                Duration.ofMillis(200),
                Duration.ofMillis(50),
                () -> samples.incrementAndGet() > 0,
                () -> "");
        assertThat(time.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        // One sample at once, one at the end, one every 50 ms in between.
        assertThat(samples.get()).isEqualTo(5);
    }
}
