package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Link;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.link.LinkEvent;
import org.weft.net.link.impl.LldpSigner;
import org.weft.net.packet.parse.Lldp;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.FabricBuilder;

/** Link discovery against emulated fabrics: forgeries, timeouts, port down, latency. */
class LinkDiscoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Link link(EmulatedFabric.Cable c) {
        return Link.of(c.a(), c.b());
    }

    private static void awaitLinks(WeftTestBed bed, int n) throws InterruptedException {
        WeftTestBed.waitUntil(
                () -> bed.core().linkService().getLinkCount() == n, WAIT, n + " links");
    }

    /** The next REMOVED event, skipping latency updates. */
    private static LinkEvent nextRemoval(BlockingQueue<LinkEvent> events)
            throws InterruptedException {
        while (true) {
            LinkEvent e = events.poll(5, TimeUnit.SECONDS);
            assertThat(e).as("a REMOVED link event").isNotNull();
            if (e.type() == LinkEvent.Type.REMOVED) {
                return e;
            }
        }
    }

    @Test
    void forgedLldpIsDroppedAndCounted() throws Exception {
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.linear(2), 200)) {
            awaitLinks(bed, 2);
            // Claims switch 1 port 3 is cabled to switch 2 port 3, signed with another key.
            LldpSigner wrong = new LldpSigner(LldpSigner.randomKey());
            byte[] frame =
                    Lldp.probe(1, 3, 120, List.of(wrong.sign(1, 3, System.nanoTime())))
                            .toFrame(MacAddress.of(0x020000000103L));
            bed.fabric.get(2).sendPacketIn(PortNumber.of(3), frame);

            WeftTestBed.waitUntil(
                    () -> bed.core().linkDiscovery().counters().forged() == 1,
                    WAIT,
                    "one forged probe counted");
            assertThat(bed.core().linkService().getLinks().keySet())
                    .noneMatch(l -> l.dst().equals(ConnectPoint.of(2, 3)));
            assertThat(bed.core().linkService().getLinkCount()).isEqualTo(2);
        }
    }

    @Test
    void silentCableTimesOutAfterTheConfiguredIntervals() throws Exception {
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.linear(3), 100)) {
            awaitLinks(bed, 4);
            BlockingQueue<LinkEvent> events = new LinkedBlockingQueue<>();
            bed.core().linkService().addListener(events::add);
            EmulatedFabric.Cable c = bed.fabric.cables().get(0);

            bed.fabric.setSilent(c, true);

            awaitLinks(bed, 2);
            assertThat(bed.core().linkService().getLinks())
                    .doesNotContainKeys(link(c), link(c).reverse());
            LinkEvent e = nextRemoval(events);
            assertThat(e.reason()).isEqualTo(LinkEvent.Reason.TIMEOUT);

            bed.fabric.setSilent(c, false);
            awaitLinks(bed, 4);
        }
    }

    @Test
    void portDownRemovesBothDirectionsWithoutWaitingForTimeout() throws Exception {
        // 20 s interval: a timeout would take a minute; the removal must come from PORT_STATUS.
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.ring(4), 20_000)) {
            awaitLinks(bed, 8);
            BlockingQueue<LinkEvent> events = new LinkedBlockingQueue<>();
            bed.core().linkService().addListener(events::add);
            EmulatedFabric.Cable c = bed.fabric.cables().get(1);

            bed.fabric.cut(c);

            awaitLinks(bed, 6);
            for (int i = 0; i < 2; i++) {
                LinkEvent e = nextRemoval(events);
                assertThat(e.reason()).isEqualTo(LinkEvent.Reason.PORT_DOWN);
                assertThat(e.subject()).isIn(link(c), link(c).reverse());
            }
            WeftTestBed.waitUntil(
                    () -> !bed.core().topologyService().currentSnapshot().contains(link(c)),
                    WAIT,
                    "cut link gone from the snapshot");

            bed.fabric.restore(c);
            awaitLinks(bed, 8);
        }
    }

    /**
     * LLDP every 50 ms and echoes every 100 ms, so that the control-channel RTT subtracted from
     * each sample has settled after start-up too.
     */
    private static WeftConfig fastEchoes() {
        WeftConfig c = WeftTestBed.config(50);
        c.openflow.echoIntervalMs = 100;
        return c;
    }

    @Test
    void latencyEstimateIsWithinTwoMillisecondsOfTheEmulatedDelay() throws Exception {
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.linear(2), fastEchoes())) {
            bed.fabric.setDelay(Duration.ofMillis(10));
            EmulatedFabric.Cable c = bed.fabric.cables().get(0);
            awaitLinks(bed, 2);
            long before = bed.core().linkDiscovery().counters().accepted();
            WeftTestBed.waitUntil(
                    () -> bed.core().linkDiscovery().counters().accepted() >= before + 100,
                    WAIT,
                    "100 more probes");
            for (Link l : List.of(link(c), link(c).reverse())) {
                long nanos = bed.core().linkService().getLinkInfo(l).orElseThrow().latencyNanos();
                org.slf4j.LoggerFactory.getLogger(LinkDiscoveryIT.class)
                        .info("Latency of {} with a 10 ms cable: {} us", l, nanos / 1000);
                assertThat(nanos).as("latency of %s", l).isBetween(8_000_000L, 12_000_000L);
            }
        }
    }
}
