package org.weft.net.topology.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.link.LinkEvent;
import org.weft.net.link.impl.LinkManager;
import org.weft.net.testing.FakeClock;
import org.weft.net.testing.FakeDeviceService;
import org.weft.net.topology.TopologyEvent;
import org.weft.net.topology.TopologySnapshot;

class TopologyManagerTest {

    private final FakeClock clock = new FakeClock();
    private final FakeDeviceService devices = new FakeDeviceService();
    private final LinkManager links =
            new LinkManager(Runnable::run, clock::nanos, Duration.ofSeconds(3).toNanos());
    private final BlockingQueue<TopologyEvent> events = new LinkedBlockingQueue<>();
    private TopologyManager topology;

    private void start(Duration window) {
        topology = new TopologyManager(devices, links, Runnable::run, clock, window, 1000);
        topology.addListener(events::add);
        devices.addListener(links);
        topology.start();
    }

    @AfterEach
    void tearDown() {
        topology.stop();
    }

    private TopologyEvent awaitSnapshot(java.util.function.Predicate<TopologySnapshot> p)
            throws InterruptedException {
        while (true) {
            TopologyEvent e = events.poll(5, TimeUnit.SECONDS);
            assertThat(e).as("topology event").isNotNull();
            if (p.test(e.snapshot())) {
                return e;
            }
        }
    }

    @Test
    void aBurstOfOneHundredLinkEventsGivesAFewSnapshots() throws Exception {
        for (int i = 1; i <= 51; i++) {
            devices.connect(i, 4);
        }
        start(Duration.ofMillis(200));
        awaitSnapshot(s -> s.switches().size() == 51);
        long before = topology.currentSnapshot().version();

        for (int i = 1; i <= 50; i++) {
            links.linkSeen(Link.of(i, 1, i + 1, 2), 1_000, 10_000);
            links.linkSeen(Link.of(i + 1, 2, i, 1), 1_000, 10_000);
        }

        TopologyEvent last = awaitSnapshot(s -> s.links().size() == 100);
        long snapshots = last.snapshot().version() - before;
        assertThat(snapshots).isBetween(1L, 5L);
        assertThat(topology.currentSnapshot()).isSameAs(last.snapshot());
        assertThat(topology.currentSnapshot().components()).hasSize(1);
    }

    @Test
    void aLostLinkIsPublishedWithoutWaitingForTheBatchWindow() throws Exception {
        devices.connect(1, 2);
        devices.connect(2, 2);
        devices.connect(3, 2);
        Link l = Link.of(1, 1, 2, 1);
        links.linkSeen(l, 5_000, 1_000);
        start(Duration.ofSeconds(30));
        awaitSnapshot(s -> s.contains(l));
        // An addition waits for the 30 s window...
        Link added = Link.of(2, 2, 3, 1);
        links.linkSeen(added, 5_000, 1_000);
        assertThat(events.poll(300, TimeUnit.MILLISECONDS)).as("addition batched").isNull();

        // ... and a removal closes the batch at once.
        links.removeLinksAt(l.src(), LinkEvent.Reason.PORT_DOWN);

        TopologyEvent e = events.poll(5, TimeUnit.SECONDS);
        assertThat(e).as("snapshot long before the 30 s window ends").isNotNull();
        assertThat(e.removedLinks()).containsExactly(l);
        assertThat(e.addedLinks()).containsExactly(added);
    }

    @Test
    void latencySamplesAloneWaitLongerThanTheWindow() throws Exception {
        devices.connect(1, 2);
        devices.connect(2, 2);
        devices.connect(3, 2);
        Link l = Link.of(1, 1, 2, 1);
        links.linkSeen(l, 5_000_000, 1_000);
        start(Duration.ofMillis(40)); // latency samples alone: 50 windows, 2 s
        awaitSnapshot(s -> s.contains(l));

        // A big enough latency change is announced (UPDATED, MEASURED)...
        for (int i = 0; i < 10; i++) {
            links.linkSeen(l, 50_000_000, 1_000);
        }
        // ... but not published within a few windows.
        assertThat(events.poll(400, TimeUnit.MILLISECONDS)).as("latency batched").isNull();

        // A new link brings the batch back to the normal window.
        Link added = Link.of(2, 2, 3, 1);
        links.linkSeen(added, 5_000, 1_000);
        TopologyEvent e = events.poll(1, TimeUnit.SECONDS);
        assertThat(e).as("published within about one window of the addition").isNotNull();
        assertThat(e.addedLinks()).containsExactly(added);
        assertThat(e.updatedLinks()).containsExactly(l);
    }

    @Test
    void eventsSayWhatChangedAndWhy() throws Exception {
        devices.connect(1, 2);
        devices.connect(2, 2);
        start(Duration.ZERO);
        awaitSnapshot(s -> s.switches().size() == 2);
        Link l = Link.of(1, 1, 2, 1);

        links.linkSeen(l, 5_000, 1_000);
        TopologyEvent added = awaitSnapshot(s -> s.contains(l));
        assertThat(added.addedLinks()).containsExactly(l);
        assertThat(added.reasons()).singleElement().isInstanceOf(LinkEvent.class);
        assertThat(added.snapshot().linkInfo(l).orElseThrow().latencyNanos()).isEqualTo(5_000);

        links.setAdminWeight(l, 3);
        TopologyEvent updated = awaitSnapshot(s -> s.linkInfo(l).get().adminWeight() == 3);
        assertThat(updated.updatedLinks()).containsExactly(l);

        devices.disconnect(2);
        TopologyEvent gone = awaitSnapshot(s -> !s.contains(Dpid.of(2)));
        assertThat(gone.removedSwitches()).containsExactly(Dpid.of(2));
        assertThat(gone.snapshot().links()).isEmpty();
        assertThat(List.copyOf(gone.reasons())).isNotEmpty();
    }
}
