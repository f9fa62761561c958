package org.weft.net.topology.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.link.LinkEvent;
import org.weft.net.link.impl.LinkManager;
import org.weft.net.testing.FakeDeviceService;
import org.weft.net.topology.TopologyEvent;
import org.weft.net.topology.TopologySnapshot;
import org.weft.time.VirtualTime;

/**
 * Batching on virtual time: the writer runs on the thread that closes a batch (the event that
 * closes it, or the {@link VirtualTime#advance} that ends its window), so every snapshot is
 * published before the call returns.
 */
class TopologyManagerTest {

    private final VirtualTime time = new VirtualTime();
    private final FakeDeviceService devices = new FakeDeviceService();
    private final LinkManager links = new LinkManager(Runnable::run, time, Duration.ofSeconds(3));
    private final List<TopologyEvent> events = new ArrayList<>();
    private TopologyManager topology;

    private void start(Duration window, int maxBatchEvents) {
        topology =
                new TopologyManager(
                        devices, links, Runnable::run, Runnable::run, time, window, maxBatchEvents);
        topology.addListener(events::add);
        devices.addListener(links);
        topology.start();
        events.clear(); // the first snapshot, of what was known before
    }

    private void start(Duration window) {
        start(window, 1000);
    }

    @Test
    void batchesThatCloseWhileTheWriterIsBusyAreRebuiltOnce() {
        devices.connect(1, 2);
        devices.connect(2, 2);
        devices.connect(3, 2);
        List<Runnable> held = new ArrayList<>();
        topology =
                new TopologyManager(
                        devices,
                        links,
                        Runnable::run,
                        held::add,
                        time,
                        Duration.ofMillis(20),
                        1000);
        topology.addListener(events::add);
        devices.addListener(links);
        topology.start();
        events.clear();
        long batchesBefore = topology.batchCount();

        links.linkSeen(link(1), 1_000, 10_000);
        time.advance(Duration.ofMillis(20));
        links.linkSeen(link(2), 1_000, 10_000);
        time.advance(Duration.ofMillis(20));
        assertThat(held).as("one writer task for both closed batches").hasSize(1);

        held.remove(0).run();

        assertThat(events).singleElement();
        assertThat(last().addedLinks()).containsExactlyInAnyOrder(link(1), link(2));
        assertThat(last().reasons()).hasSize(2);
        assertThat(topology.batchCount()).isEqualTo(batchesBefore + 1);

        links.linkSeen(link(1).reverse(), 1_000, 10_000);
        time.advance(Duration.ofMillis(20));
        assertThat(held).as("a batch after the writer finished queues a task again").hasSize(1);
    }

    @Test
    void pastTheBoundOnlyLossesAreKeptAsReasonsAndEveryChangeIsStillPublished() {
        for (int i = 1; i <= 11; i++) {
            devices.connect(i, 4);
        }
        List<Runnable> held = new ArrayList<>();
        topology =
                new TopologyManager(
                        devices,
                        links,
                        Runnable::run,
                        held::add,
                        time,
                        Duration.ofMillis(20),
                        1000,
                        4);
        topology.addListener(events::add);
        devices.addListener(links);
        topology.start();
        events.clear();

        // The writer is busy: ten links in ten windows, then one of them lost.
        for (int i = 1; i <= 10; i++) {
            links.linkSeen(link(i), 1_000, 10_000);
            time.advance(Duration.ofMillis(20));
        }
        links.removeLink(link(3), LinkEvent.Reason.PORT_DOWN);
        time.advance(Duration.ofMillis(20));
        assertThat(topology.reasonsDropped())
                .as("six additions past the bound of four")
                .isEqualTo(6);

        held.remove(0).run();

        assertThat(events).singleElement();
        assertThat(last().addedLinks())
                .as("the dropped reasons' links are in the snapshot all the same")
                .hasSize(9)
                .doesNotContain(link(3));
        assertThat(last().reasons()).hasSize(5);
        assertThat(last().reasons().get(4))
                .isInstanceOfSatisfying(
                        LinkEvent.class,
                        e -> assertThat(e.type()).isEqualTo(LinkEvent.Type.REMOVED));

        links.linkSeen(link(3), 1_000, 10_000);
        time.advance(Duration.ofMillis(20));
        held.remove(0).run();
        assertThat(last().reasons()).as("the writer took the pending events").hasSize(1);
        assertThat(topology.reasonsDropped()).isEqualTo(6);
    }

    @AfterEach
    void tearDown() {
        topology.stop();
    }

    private TopologyEvent last() {
        return events.get(events.size() - 1);
    }

    private static Link link(int i) {
        return Link.of(i, 1, i + 1, 2);
    }

    @Test
    void eventsWithinTheWindowMakeOneSnapshotPublishedWhenTheWindowEnds() {
        for (int i = 1; i <= 51; i++) {
            devices.connect(i, 4);
        }
        start(Duration.ofMillis(200));
        assertThat(topology.currentSnapshot().switches()).hasSize(51);
        long before = topology.currentSnapshot().version();

        for (int i = 1; i <= 50; i++) {
            links.linkSeen(link(i), 1_000, 10_000);
            time.advance(Duration.ofMillis(3)); // 150 ms in all: inside the window
            links.linkSeen(link(i).reverse(), 1_000, 10_000);
        }
        assertThat(events).as("nothing before the window ends").isEmpty();
        time.advance(Duration.ofMillis(49));
        assertThat(events).isEmpty();

        time.advance(Duration.ofMillis(1));

        assertThat(events).singleElement();
        assertThat(last().addedLinks()).hasSize(100);
        assertThat(last().reasons()).hasSize(100);
        assertThat(last().snapshot().version()).isEqualTo(before + 1);
        assertThat(topology.currentSnapshot()).isSameAs(last().snapshot());
        assertThat(topology.currentSnapshot().components()).hasSize(1);
        assertThat(last().timeMillis()).isEqualTo(time.millis());
        assertThat(last().snapshot().createdAt()).isEqualTo(time.instant());
    }

    @Test
    void aSteadyStreamOfEventsDoesNotHoldTheWindowOpen() {
        for (int i = 1; i <= 11; i++) {
            devices.connect(i, 4);
        }
        start(Duration.ofMillis(20));

        // One event every 5 ms for 100 ms: the window runs from a batch's first event.
        for (int i = 1; i <= 10; i++) {
            links.linkSeen(link(i), 1_000, 10_000);
            time.advance(Duration.ofMillis(5));
            links.linkSeen(link(i).reverse(), 1_000, 10_000);
            time.advance(Duration.ofMillis(5));
        }

        assertThat(events).hasSize(5);
        assertThat(events).allSatisfy(e -> assertThat(e.addedLinks()).hasSize(4));
    }

    @Test
    void anEventAfterTheWindowStartsTheNextBatch() {
        devices.connect(1, 2);
        devices.connect(2, 2);
        devices.connect(3, 2);
        start(Duration.ofMillis(20));

        links.linkSeen(link(1), 1_000, 10_000);
        time.advance(Duration.ofMillis(20));
        links.linkSeen(link(2), 1_000, 10_000);
        time.advance(Duration.ofMillis(19));

        assertThat(events)
                .singleElement()
                .satisfies(e -> assertThat(e.addedLinks()).containsExactly(link(1)));
        time.advance(Duration.ofMillis(1));
        assertThat(events).hasSize(2);
        assertThat(last().addedLinks()).containsExactly(link(2));
    }

    @Test
    void aFullBatchClosesAtOnce() {
        for (int i = 1; i <= 4; i++) {
            devices.connect(i, 4);
        }
        start(Duration.ofSeconds(30), 2);

        links.linkSeen(link(1), 1_000, 10_000);
        assertThat(events).isEmpty();
        links.linkSeen(link(2), 1_000, 10_000);
        assertThat(events).singleElement().satisfies(e -> assertThat(e.reasons()).hasSize(2));

        links.linkSeen(link(3), 1_000, 10_000);
        assertThat(events).as("the next batch has a window of its own").hasSize(1);
        time.advance(Duration.ofSeconds(30));
        assertThat(events).hasSize(2);
        assertThat(last().addedLinks()).containsExactly(link(3));
    }

    @Test
    void aLostLinkIsPublishedWithoutWaitingForTheBatchWindow() {
        devices.connect(1, 2);
        devices.connect(2, 2);
        devices.connect(3, 2);
        Link l = Link.of(1, 1, 2, 1);
        links.linkSeen(l, 5_000, 1_000);
        start(Duration.ofSeconds(30));
        assertThat(topology.currentSnapshot().contains(l)).isTrue();
        // An addition waits for the 30 s window...
        Link added = Link.of(2, 2, 3, 1);
        links.linkSeen(added, 5_000, 1_000);
        time.advance(Duration.ofSeconds(29));
        assertThat(events).as("addition batched").isEmpty();

        // ... and a removal closes the batch at once.
        links.removeLinksAt(l.src(), LinkEvent.Reason.PORT_DOWN);

        assertThat(events).singleElement();
        assertThat(last().removedLinks()).containsExactly(l);
        assertThat(last().addedLinks()).containsExactly(added);
        time.advance(Duration.ofMinutes(1));
        assertThat(events).as("the closed window's timer publishes nothing more").hasSize(1);
    }

    @Test
    void latencySamplesAloneWaitLongerThanTheWindow() {
        devices.connect(1, 2);
        devices.connect(2, 2);
        devices.connect(3, 2);
        Link l = Link.of(1, 1, 2, 1);
        links.linkSeen(l, 5_000_000, 1_000);
        start(Duration.ofMillis(40)); // latency samples alone: 50 windows, 2 s

        // A big enough latency change is announced (UPDATED, MEASURED)...
        for (int i = 0; i < 10; i++) {
            links.linkSeen(l, 50_000_000, 1_000);
        }
        // ... but not published within many windows.
        time.advance(Duration.ofMillis(1_900));
        assertThat(events).as("latency batched").isEmpty();

        // A new link brings the batch back to the normal window.
        Link added = Link.of(2, 2, 3, 1);
        links.linkSeen(added, 5_000, 1_000);
        time.advance(Duration.ofMillis(39));
        assertThat(events).isEmpty();
        time.advance(Duration.ofMillis(1));
        assertThat(events).singleElement();
        assertThat(last().addedLinks()).containsExactly(added);
        assertThat(last().updatedLinks()).containsExactly(l);
    }

    /** Switches 1 and 2 connected and the link 1/1 -> 2/1 seen (5 ms, 1 Gbit/s). */
    private Link twoSwitchesAndALink() {
        devices.connect(1, 2);
        devices.connect(2, 2);
        Link l = Link.of(1, 1, 2, 1);
        links.linkSeen(l, 5_000_000, 1_000);
        return l;
    }

    @Test
    void latencySamplesAlonePublishAfterTheLongerWindow() {
        Link l = twoSwitchesAndALink();
        start(Duration.ofMillis(40));

        links.linkSeen(l, 50_000_000, 1_000);
        links.linkSeen(l, 50_000_000, 1_000);
        time.advance(Duration.ofMillis(40L * TopologyManager.MEASUREMENT_WINDOW_FACTOR - 1));
        assertThat(events).isEmpty();
        time.advance(Duration.ofMillis(1));
        assertThat(events).singleElement();
        assertThat(last().updatedLinks()).containsExactly(l);
    }

    @Test
    void latencySamplesAloneMoveOnlyTheMeasuredLinksAndShareTheShape() {
        Link l = twoSwitchesAndALink();
        Link other = Link.of(1, 2, 2, 2);
        links.linkSeen(other, 5_000_000, 1_000);
        start(Duration.ofMillis(40));
        TopologySnapshot before = topology.currentSnapshot();

        links.linkSeen(l, 50_000_000, 1_000);
        time.advance(Duration.ofMillis(40L * TopologyManager.MEASUREMENT_WINDOW_FACTOR));

        TopologyEvent e = last();
        assertThat(e.updatedLinks()).containsExactly(l);
        assertThat(e.addedLinks()).isEmpty();
        assertThat(e.removedLinks()).isEmpty();
        TopologySnapshot after = e.snapshot();
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.network()).isSameAs(before.network());
        assertThat(after.linkInfo(l)).isEqualTo(links.getLinkInfo(l));
        assertThat(after.linkInfo(other)).isEqualTo(before.linkInfo(other));
        assertThat(after.links()).isEqualTo(before.links());
    }

    @Test
    void aMeasuredCapacityChangeRebuildsTheShape() {
        Link l = twoSwitchesAndALink();
        start(Duration.ofMillis(40));

        links.linkSeen(l, 5_000_000, 10_000);
        time.advance(Duration.ofMillis(40L * TopologyManager.MEASUREMENT_WINDOW_FACTOR));

        assertThat(last().updatedLinks()).containsExactly(l);
        assertThat(topology.currentSnapshot().linkInfo(l).orElseThrow().capacityMbps())
                .isEqualTo(10_000);
    }

    @Test
    void eventsSayWhatChangedAndWhy() {
        devices.connect(1, 2);
        devices.connect(2, 2);
        start(Duration.ZERO);
        assertThat(topology.currentSnapshot().switches()).hasSize(2);
        Link l = Link.of(1, 1, 2, 1);

        links.linkSeen(l, 5_000, 1_000);
        time.runDue();
        TopologyEvent added = last();
        assertThat(added.addedLinks()).containsExactly(l);
        assertThat(added.reasons()).singleElement().isInstanceOf(LinkEvent.class);
        assertThat(added.snapshot().linkInfo(l).orElseThrow().latencyNanos()).isEqualTo(5_000);

        links.setAdminWeight(l, 3);
        time.runDue();
        TopologyEvent updated = last();
        assertThat(updated.snapshot().linkInfo(l).orElseThrow().adminWeight()).isEqualTo(3);
        assertThat(updated.updatedLinks()).containsExactly(l);

        devices.disconnect(2);
        TopologyEvent gone = last();
        assertThat(gone.snapshot().contains(Dpid.of(2))).isFalse();
        assertThat(gone.removedSwitches()).containsExactly(Dpid.of(2));
        assertThat(gone.snapshot().links()).isEmpty();
        assertThat(gone.reasons()).isNotEmpty();
    }

    @Test
    void stopPublishesTheOpenBatch() {
        devices.connect(1, 2);
        devices.connect(2, 2);
        start(Duration.ofSeconds(30));
        links.linkSeen(Link.of(1, 1, 2, 1), 5_000, 1_000);

        topology.stop();

        assertThat(events).singleElement();
        assertThat(time.pendingTasks()).as("no timer left behind").isZero();
    }
}
