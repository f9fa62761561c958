package org.weft.net.link.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.PortNumber;
import org.weft.net.link.LinkEvent.Reason;
import org.weft.net.topology.LinkInfo;
import org.weft.time.VirtualTime;

/** The per-switch answers of {@link LinkManager} follow additions and every kind of removal. */
class LinkManagerBySwitchTest {

    private static final Dpid S1 = Dpid.of(1);
    private static final Dpid S2 = Dpid.of(2);
    private static final Dpid S3 = Dpid.of(3);

    private final VirtualTime time = new VirtualTime();
    private final LinkManager links = new LinkManager(Runnable::run, time, Duration.ofSeconds(30));

    private static Link link(Dpid a, int pa, Dpid b, int pb) {
        return Link.of(
                ConnectPoint.of(a, PortNumber.of(pa)), ConnectPoint.of(b, PortNumber.of(pb)));
    }

    private final Link l12 = link(S1, 1, S2, 1);
    private final Link l21 = link(S2, 1, S1, 1);
    private final Link l13 = link(S1, 2, S3, 1);
    private final Link l31 = link(S3, 1, S1, 2);

    private void seeAll() {
        for (Link l : new Link[] {l12, l21, l13, l31}) {
            links.linkSeen(l, LinkInfo.UNKNOWN_LATENCY, 1_000);
        }
    }

    @Test
    void linksFromASwitchAreExactlyThoseLeavingIt() {
        seeAll();
        assertThat(links.getLinksFrom(S1)).containsOnlyKeys(l12, l13);
        assertThat(links.getLinksFrom(S2)).containsOnlyKeys(l21);
        assertThat(links.getLinksFrom(S1).get(l12).capacityMbps()).isEqualTo(1_000);
        assertThat(links.getLinksFrom(Dpid.of(9))).isEmpty();
        assertThat(links.getLinks(l12.src())).containsExactlyInAnyOrder(l12, l21);
    }

    @Test
    void aPortDownDropsBothDirectionsBeforeAnnouncingEither() {
        seeAll();
        List<Set<Link>> seenAtEachEvent = new ArrayList<>();
        links.addListener(e -> seenAtEachEvent.add(Set.copyOf(links.getLinks().keySet())));

        links.removeLinksAt(l13.src(), Reason.PORT_DOWN);

        // The topology's writer rebuilds from the links as they are when an event reaches it:
        // at the first event both directions must be gone already.
        assertThat(seenAtEachEvent).hasSize(2);
        assertThat(seenAtEachEvent.get(0)).containsExactlyInAnyOrder(l12, l21);
    }

    @Test
    void linksTimingOutTogetherAreDroppedBeforeAnyIsAnnounced() {
        seeAll();
        time.advance(Duration.ofSeconds(20));
        links.linkSeen(l12, LinkInfo.UNKNOWN_LATENCY, 1_000);
        links.linkSeen(l21, LinkInfo.UNKNOWN_LATENCY, 1_000);
        time.advance(Duration.ofSeconds(20));
        List<Set<Link>> seenAtEachEvent = new ArrayList<>();
        links.addListener(e -> seenAtEachEvent.add(Set.copyOf(links.getLinks().keySet())));

        assertThat(links.expire()).isEqualTo(2);

        assertThat(seenAtEachEvent).hasSize(2);
        assertThat(seenAtEachEvent.get(0)).containsExactlyInAnyOrder(l12, l21);
    }

    @Test
    void aPortDownRemovesItsLinksFromThePerSwitchAnswers() {
        seeAll();
        assertThat(links.removeLinksAt(l13.src(), Reason.PORT_DOWN)).isEqualTo(2);
        assertThat(links.getLinksFrom(S1)).containsOnlyKeys(l12);
        assertThat(links.getLinksFrom(S3)).isEmpty();
        assertThat(links.getLinks(l13.src())).isEmpty();
        assertThat(links.isInfrastructure(l13.src())).isFalse();
        assertThat(links.isInfrastructure(l12.src())).isTrue();
    }

    @Test
    void aRemovedThenRediscoveredLinkIsAnsweredAgain() {
        seeAll();
        assertThat(links.removeLink(l21, Reason.ADMIN)).isTrue();
        assertThat(links.getLinksFrom(S2)).isEmpty();
        assertThat(links.isInfrastructure(l12.src())).as("l12 still leaves the port").isTrue();
        links.linkSeen(l21, LinkInfo.UNKNOWN_LATENCY, 1_000);
        assertThat(links.getLinksFrom(S2)).containsOnlyKeys(l21);
    }

    @Test
    void expiredLinksLeaveThePerSwitchAnswers() {
        seeAll();
        time.advance(Duration.ofSeconds(20));
        links.linkSeen(l12, LinkInfo.UNKNOWN_LATENCY, 1_000);
        time.advance(Duration.ofSeconds(20));
        assertThat(links.expire()).isEqualTo(3);
        assertThat(links.getLinksFrom(S1)).containsOnlyKeys(l12);
        assertThat(links.getLinksFrom(S3)).isEmpty();
        assertThat(links.getLinks(l31.src())).isEmpty();
    }
}
