package org.weft.cluster.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.link.impl.LinkManager;
import org.weft.net.testing.FakeDeviceService;
import org.weft.net.testing.FakeMastership;
import org.weft.time.VirtualTime;

/**
 * Instance "a" masters switch 1, "b" masters switch 2; link 1->2 is b's (its LLDP arrives at 2),
 * link 2->1 is a's.
 */
class LinkSharingTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Link A_TO_B = Link.of(1, 1, 2, 1);
    private static final Link B_TO_A = A_TO_B.reverse();

    private final VirtualTime time = new VirtualTime();
    private final FakeDeviceService devices = new FakeDeviceService();
    private final FakeMastership mastership = new FakeMastership("a");
    private final FakeRecords<LinkRecord> records = new FakeRecords<>();
    private final LinkManager links = new LinkManager(Runnable::run, time, TIMEOUT);
    private LinkSharing sharing;

    @BeforeEach
    void setUp() {
        devices.connect(1, 2);
        devices.connect(2, 2);
        mastership.assign(Dpid.of(1), "a", 10);
        mastership.assign(Dpid.of(2), "b", 11);
        sharing = new LinkSharing("a", links, devices, mastership, records, time, TIMEOUT);
        links.addListener(sharing::linkEvent);
    }

    private LinkRecord record(Link l, long latency, String owner) {
        return new LinkRecord(Point.of(l.src()), Point.of(l.dst()), latency, 10_000, owner);
    }

    @Test
    void aLinkIntoAMasteredSwitchIsPublishedOnceAndNotRewrittenInSteadyState() {
        links.linkSeen(B_TO_A, 2_000_000, 10_000);
        assertThat(records.get(LinkRecord.name(B_TO_A))).isEqualTo(record(B_TO_A, 2_000_000, "a"));

        for (int i = 0; i < 10; i++) {
            time.advance(INTERVAL);
            links.linkSeen(B_TO_A, 2_050_000 + i * 1000, 10_000); // noise, not a change
            sharing.round();
        }

        assertThat(records.writes).isEqualTo(1);
        assertThat(records.deletes).isZero();
    }

    @Test
    void anotherInstancesLinkIsFedKeptAliveByRoundsAndRemovedWithItsRecord() {
        LinkRecord r = record(A_TO_B, 3_000_000, "b");
        records.records.put(LinkRecord.name(A_TO_B), r);
        sharing.recordChanged(r);
        assertThat(links.getLinkInfo(A_TO_B)).isPresent();

        for (int i = 0; i < 10; i++) {
            time.advance(INTERVAL);
            sharing.round();
            links.expire();
        }
        assertThat(links.getLinkInfo(A_TO_B)).isPresent(); // seen again every round
        assertThat(records.writes).isZero(); // not a's to write

        records.records.remove(LinkRecord.name(A_TO_B));
        sharing.recordRemoved(r);
        assertThat(links.getLinkInfo(A_TO_B)).isEmpty();
    }

    @Test
    void aRemoteLinkIsNotFedWhileOneOfItsPortsIsDownHere() {
        devices.addListener(links);
        LinkRecord r = record(A_TO_B, 3_000_000, "b");
        records.records.put(LinkRecord.name(A_TO_B), r);
        sharing.recordChanged(r);
        devices.setPortLive(1, 1, false);
        assertThat(links.getLinkInfo(A_TO_B)).isEmpty();

        sharing.round(); // the stale record does not undo the port-down seen here

        assertThat(links.getLinkInfo(A_TO_B)).isEmpty();
        assertThat(records.deletes).isZero(); // its owner deletes it
    }

    @Test
    void aLinkGoneHereIsDeletedByItsOwnerOnly() {
        devices.addListener(links);
        links.linkSeen(B_TO_A, 2_000_000, 10_000);
        LinkRecord remote = record(A_TO_B, 3_000_000, "b");
        records.records.put(LinkRecord.name(A_TO_B), remote);
        sharing.recordChanged(remote);

        devices.setPortLive(1, 1, false); // both links go here

        assertThat(records.get(LinkRecord.name(B_TO_A))).isNull();
        assertThat(records.get(LinkRecord.name(A_TO_B))).isEqualTo(remote);
    }

    @Test
    void aNewMasterTakesOverTheLinksIntoItsSwitchAndDeletesThoseItsLldpDoesNotConfirm() {
        // b crashed: its records stay; a, fed with them, becomes master of switch 2.
        Link other = Link.of(1, 2, 2, 2);
        LinkRecord r = record(A_TO_B, 3_000_000, "b");
        LinkRecord gone = record(other, 3_000_000, "b");
        records.records.put(LinkRecord.name(A_TO_B), r);
        records.records.put(LinkRecord.name(other), gone);
        sharing.recordChanged(r);
        mastership.assign(Dpid.of(2), "a", 12);

        sharing.round();

        assertThat(records.get(LinkRecord.name(A_TO_B)).owner()).isEqualTo("a");
        assertThat(records.get(LinkRecord.name(other))).isEqualTo(gone); // not yet timed out

        for (int i = 0; i < 4; i++) {
            time.advance(INTERVAL);
            links.linkSeen(A_TO_B, 3_000_000, 10_000); // a's own LLDP confirms this one
            sharing.round();
        }

        assertThat(records.get(LinkRecord.name(A_TO_B))).isEqualTo(record(A_TO_B, 3_000_000, "a"));
        assertThat(records.get(LinkRecord.name(other))).isNull();
    }

    @Test
    void aNoticeableLatencyChangeIsWrittenAtMostOncePerHoldAndATimedOutLinkIsDeleted() {
        links.linkSeen(B_TO_A, 2_000_000, 10_000);
        for (int i = 0; i < 12; i++) {
            links.linkSeen(B_TO_A, 40_000_000, 10_000); // a sustained rise, well over 50 %
        }
        assertThat(records.writes).as("held: written moments ago").isEqualTo(1);

        time.advance(Duration.ofNanos(LinkSharing.LATENCY_HOLD_NANOS));
        links.linkSeen(B_TO_A, 40_000_000, 10_000);
        sharing.round();

        assertThat(records.writes).isEqualTo(2);
        assertThat(records.get(LinkRecord.name(B_TO_A)).latencyNanos()).isGreaterThan(10_000_000);
        time.advance(TIMEOUT.plusSeconds(1));
        links.expire();
        assertThat(records.get(LinkRecord.name(B_TO_A))).isNull();
    }
}
