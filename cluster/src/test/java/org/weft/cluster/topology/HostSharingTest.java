package org.weft.cluster.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Ip4Address;
import org.weft.net.MacAddress;
import org.weft.net.host.Host;
import org.weft.net.host.HostId;
import org.weft.net.host.HostListener;
import org.weft.net.host.impl.HostTableLimits;
import org.weft.net.host.impl.HostTracker;
import org.weft.net.link.impl.LinkManager;
import org.weft.net.testing.FakeDeviceService;
import org.weft.net.testing.FakeMastership;
import org.weft.net.testing.FakePacketService;
import org.weft.time.VirtualTime;

/** Instance "a" masters switch 1, "b" masters switch 2; hosts sit on port 3 of either. */
class HostSharingTest {

    private static final Duration IDLE = Duration.ofMinutes(5);
    private static final HostId H = HostId.of(MacAddress.of(0x0a0000000001L), HostId.NO_VLAN);
    private static final ConnectPoint ON_A = ConnectPoint.of(1, 3);
    private static final ConnectPoint ON_B = ConnectPoint.of(2, 3);

    private final VirtualTime time = new VirtualTime();
    private final FakeDeviceService devices = new FakeDeviceService();
    private final FakeMastership mastership = new FakeMastership("a");
    private final FakeRecords<HostRecord> records = new FakeRecords<>();
    private final LinkManager links = new LinkManager(Runnable::run, time, Duration.ofSeconds(3));
    private final HostTracker hosts =
            new HostTracker(devices, links, Runnable::run, time, IDLE, HostTableLimits.defaults());
    private HostSharing sharing;
    private HostListener listener;

    @BeforeEach
    void setUp() {
        devices.connect(1, 3);
        devices.connect(2, 3);
        mastership.assign(Dpid.of(1), "a", 10);
        mastership.assign(Dpid.of(2), "b", 11);
        sharing = new HostSharing("a", hosts, devices, links, mastership, records, time);
        listener = sharing::hostEvent;
        hosts.addListener(listener);
    }

    private static HostRecord record(ConnectPoint at, String owner, String... ips) {
        return new HostRecord(H.mac().toString(), H.vlan(), List.of(ips), Point.of(at), owner);
    }

    private void learnHere(ConnectPoint at, String ip) {
        hosts.learnShared(new Host(H, java.util.Set.of(Ip4Address.parse(ip)), at, 0, 0), false);
    }

    private void receive(HostRecord r) {
        records.records.put(HostRecord.name(r.id()), r);
        sharing.recordChanged(r);
    }

    @Test
    void aHostLearnedOnAMasteredSwitchIsPublishedOnceAndNotRewrittenInSteadyState() {
        learnHere(ON_A, "10.0.0.1");

        assertThat(records.get(HostRecord.name(H))).isEqualTo(record(ON_A, "a", "10.0.0.1"));
        for (int i = 0; i < 5; i++) {
            time.advance(Duration.ofSeconds(1));
            learnHere(ON_A, "10.0.0.1");
            sharing.round();
        }
        assertThat(records.writes).isEqualTo(1);
    }

    @Test
    void anotherInstancesHostIsFedDoesNotIdleOutHereAndGoesWithItsRecord() {
        HostRecord r = record(ON_B, "b", "10.0.0.2");
        receive(r);
        assertThat(hosts.getHost(H).map(Host::location)).contains(ON_B);
        assertThat(hosts.isRemote(H)).isTrue();

        time.advance(IDLE.multipliedBy(2));
        hosts.expire();
        assertThat(hosts.getHost(H)).isPresent(); // its owner decides
        assertThat(records.writes).isZero();

        records.records.clear();
        sharing.recordRemoved(r);
        assertThat(hosts.getHost(H)).isEmpty();
        assertThat(records.deletes).isZero();
    }

    @Test
    void aMoveToAnotherInstancesSwitchHandsTheHostOverAndARemovalThereIsNotDeletedHere() {
        learnHere(ON_A, "10.0.0.1");
        receive(record(ON_B, "b", "10.0.0.1")); // b saw it move to its switch

        assertThat(hosts.getHost(H).map(Host::location)).contains(ON_B);
        assertThat(hosts.isRemote(H)).isTrue();
        assertThat(records.get(HostRecord.name(H)).owner()).isEqualTo("b");

        hosts.start(new FakePacketService());
        devices.disconnect(2); // this instance lost switch 2: the host goes here, not everywhere

        assertThat(hosts.getHost(H)).isEmpty();
        assertThat(records.get(HostRecord.name(H)).owner()).isEqualTo("b");
        hosts.stop();
    }

    @Test
    void aNewMasterTakesOverACrashedInstancesHostAndItsIdleExpiryDeletesTheRecord() {
        receive(record(ON_B, "b", "10.0.0.2"));
        mastership.assign(Dpid.of(2), "a", 12); // b crashed: a masters switch 2 now

        sharing.round();

        assertThat(hosts.isRemote(H)).isFalse();
        assertThat(records.get(HostRecord.name(H))).isEqualTo(record(ON_B, "a", "10.0.0.2"));
        sharing.round();
        assertThat(records.writes).isEqualTo(1);

        time.advance(IDLE.plusSeconds(1));
        hosts.expire();

        assertThat(records.get(HostRecord.name(H))).isNull();
    }

    @Test
    void aRecordOfItsOwnFromAnEarlierRunIsAdoptedAndOneItsTrackerForgotIsDeleted() {
        // Written by an earlier run of node "a": kept, as this run's own host.
        receive(record(ON_A, "a", "10.0.0.1"));
        assertThat(hosts.getHost(H).map(Host::location)).contains(ON_A);
        assertThat(hosts.isRemote(H)).isFalse();
        assertThat(records.writes).isZero();

        // Forgotten here while its REMOVED event is not yet handled: a round deletes the record.
        hosts.removeListener(listener);
        time.advance(IDLE.plusSeconds(1));
        hosts.expire();
        sharing.round();

        assertThat(records.records).isEmpty();
    }
}
