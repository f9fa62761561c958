package org.weft.mininet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No broadcast storm on looped fabrics: the packets all switch ports sent (OVS port counters) stay
 * within what the first pings (ARP floods included) can explain, and once traffic stops, only LLDP
 * keeps the counters moving.
 */
class StormTest extends MininetTestSupport {
    static Stream<Arguments> loopedFabrics() {
        return Stream.of(
                Arguments.of(Topologies.ring(6), OpenFlowVersion.OF13),
                Arguments.of(Topologies.fatTree4(), OpenFlowVersion.OF10));
    }

    @ParameterizedTest(name = "{0}_{1}")
    @MethodSource("loopedFabrics")
    void portCountersStayBoundedOnALoopedFabric(Topology topology, OpenFlowVersion version)
            throws IOException, InterruptedException {
        startWeft();
        buildAndDiscover(topology, version);
        long before = fabric.totalTxPackets();
        long start = System.nanoTime();
        fabric.awaitAllReach(topology.allHostPairs(), Duration.ofSeconds(45), "first pingall");
        double seconds = (System.nanoTime() - start) / 1e9;
        long sent = fabric.totalTxPackets() - before;
        int pairs = topology.allHostPairs().size();
        int lldpPorts = fabric.interSwitchPorts();
        // Per ping round and pair: request and reply over at most ~7 ports each, ARP floods once
        // per host; a margin of 4 rounds, plus LLDP on every fabric port, twice a second.
        long bound = 4L * pairs * 20 + (long) (2 * lldpPorts * (seconds + 2)) + 1000;
        record(
                String.format(
                        "%s %s: %d packets sent by all ports during %.1f s of pings for %d pairs"
                                + " (bound %d)",
                        topology.name(), version, sent, seconds, pairs, bound));
        assertThat(sent).as("packets sent by all switch ports during the pings").isLessThan(bound);

        // The first samples would still count the pings' tail (the parallel ping processes end a
        // little after every pair answered, and Open vSwitch's port counters lag): let them
        // finish. A storm does not stop on its own, so waiting hides none.
        Thread.sleep(1_000);
        AtomicLong last = new AtomicLong(fabric.totalTxPackets());
        AtomicLong lastAt = new AtomicLong(System.nanoTime());
        AtomicLong worst = new AtomicLong();
        Wait.holdsFor(
                "with no traffic, switch ports send little more than LLDP",
                Duration.ofSeconds(6),
                Duration.ofSeconds(1),
                () -> {
                    long now = fabric.totalTxPackets();
                    long at = System.nanoTime();
                    double dt = Math.max(0.2, (at - lastAt.get()) / 1e9);
                    long delta = now - last.getAndSet(now);
                    lastAt.set(at);
                    worst.set(Math.max(worst.get(), (long) (delta / dt)));
                    return delta / dt < 3.0 * lldpPorts + 100;
                },
                () -> "worst rate " + worst.get() + " packets/s with " + lldpPorts + " LLDP ports");
        record(
                String.format(
                        "%s %s: idle rate at most %d packets/s (%d fabric ports send LLDP)",
                        topology.name(), version, worst.get(), lldpPorts));
    }
}
