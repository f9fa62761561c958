package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.time.VirtualTime;

class ClusterReadinessTest {

    private static final Duration POLL = Duration.ofMillis(ClusterReadiness.POLL_MS);
    private static final Dpid S1 = Dpid.of(1);

    private final VirtualTime time = new VirtualTime();
    private final FakeSharing sharing = new FakeSharing();
    private final Set<Dpid> connected = ConcurrentHashMap.newKeySet();
    private final List<String> offers = new ArrayList<>();
    private volatile boolean routingIdle = true;
    private ClusterReadiness readiness;

    @BeforeEach
    void setUp() {
        readiness =
                new ClusterReadiness(
                                sharing,
                                () -> routingIdle,
                                connected::contains,
                                time,
                                Duration.ofSeconds(30))
                        .start(() -> offers.add("candidate"));
    }

    @Test
    void aSwitchIsOfferedOnlyAfterARoundFedItAndRoutingSettled() {
        sharing.loaded = true;
        readiness.admit(S1, () -> offers.add("s1"));
        time.advance(POLL.multipliedBy(5));
        assertThat(offers).as("not connected here yet").doesNotContain("s1");

        connected.add(S1);
        time.advance(POLL);
        assertThat(sharing.roundsAsked).as("a round asked for at once").isPositive();
        sharing.rounds++; // the round running when the switch came
        time.advance(POLL.multipliedBy(3));
        assertThat(offers).as("no round began after it came").doesNotContain("s1");

        sharing.rounds++; // a round that began after: the switch's records are fed
        time.advance(POLL);
        assertThat(offers).as("one idle check is not enough").doesNotContain("s1");
        time.advance(POLL);
        assertThat(offers).contains("s1");
    }

    @Test
    void busyRoutingHoldsTheOfferUntilTwoIdleChecksInARow() {
        sharing.loaded = true;
        connected.add(S1);
        readiness.admit(S1, () -> offers.add("s1"));
        time.advance(POLL);
        sharing.rounds += 2;
        routingIdle = false;
        time.advance(POLL.multipliedBy(4));
        assertThat(offers).isEmpty();

        routingIdle = true;
        time.advance(POLL);
        routingIdle = false; // planning what the round fed
        time.advance(POLL);
        routingIdle = true;
        time.advance(POLL);
        assertThat(offers).doesNotContain("s1");
        time.advance(POLL);
        assertThat(offers).containsExactly("candidate", "s1");
    }

    @Test
    void nothingIsOfferedBeforeTheSharedStateIsLoaded() {
        connected.add(S1);
        readiness.admit(S1, () -> offers.add("s1"));
        time.advance(POLL);
        sharing.rounds += 2;
        time.advance(POLL.multipliedBy(10));
        assertThat(offers).isEmpty();

        sharing.loaded = true;
        time.advance(POLL.multipliedBy(2));
        assertThat(offers).containsExactlyInAnyOrder("candidate", "s1");
    }

    @Test
    void anOfferIsMadeAnywayAfterTheCap() {
        connected.add(S1);
        readiness.admit(S1, () -> offers.add("s1"));
        time.advance(Duration.ofSeconds(29));
        assertThat(offers).isEmpty();
        time.advance(Duration.ofSeconds(2));
        assertThat(offers).containsExactlyInAnyOrder("candidate", "s1");
    }

    @Test
    void eachOfferIsMadeOnce() {
        sharing.loaded = true;
        connected.add(S1);
        readiness.admit(S1, () -> offers.add("s1"));
        time.advance(POLL);
        sharing.rounds += 2;
        time.advance(Duration.ofSeconds(60));
        assertThat(offers).containsExactlyInAnyOrder("candidate", "s1");
    }

    @Test
    void aReconnectReplacesTheEarlierOffer() {
        sharing.loaded = true;
        connected.add(S1);
        readiness.admit(S1, () -> offers.add("s1-first"));
        time.advance(POLL); // taken in, a round asked for
        readiness.admit(S1, () -> offers.add("s1-again"));
        time.advance(POLL); // replaced: its wait starts again
        sharing.rounds += 2;
        time.advance(POLL.multipliedBy(20));
        assertThat(offers).containsExactlyInAnyOrder("candidate", "s1-again");
        assertThat(readiness.dropped()).isZero();
    }

    @Test
    void offersBeyondTheBoundAreDroppedAndCounted() {
        ClusterReadiness small =
                new ClusterReadiness(
                                sharing,
                                () -> true,
                                connected::contains,
                                time,
                                Duration.ofSeconds(30),
                                2)
                        .start(() -> offers.add("candidate-2"));
        small.admit(Dpid.of(1), () -> offers.add("a"));
        small.admit(Dpid.of(2), () -> offers.add("b"));
        small.admit(Dpid.of(2), () -> offers.add("b-again")); // replaces, not counted
        small.admit(Dpid.of(3), () -> offers.add("c"));
        assertThat(small.dropped()).isEqualTo(1);

        time.advance(POLL); // a and b-again wait now
        small.admit(Dpid.of(4), () -> offers.add("d"));
        time.advance(POLL);
        assertThat(small.dropped()).as("two wait already").isEqualTo(2);

        time.advance(Duration.ofSeconds(31));
        assertThat(offers).contains("a", "b-again").doesNotContain("b", "c", "d");
    }

    private static final class FakeSharing implements ClusterReadiness.Sharing {
        volatile boolean loaded;
        volatile long rounds;
        volatile int roundsAsked;

        @Override
        public boolean loaded() {
            return loaded;
        }

        @Override
        public long roundsDone() {
            return rounds;
        }

        @Override
        public void roundNow() {
            roundsAsked++;
        }
    }
}
