package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.weft.net.routing.ParkedFrameCounts;
import org.weft.time.VirtualTime;

class ParkedFramesTest {

    private static final Duration MAX_AGE = Duration.ofSeconds(1);

    private final VirtualTime time = new VirtualTime();
    private final List<String> sent = new CopyOnWriteArrayList<>();

    private ParkedFrames frames(int maxFrames, int perDestination, long maxBytes) {
        return new ParkedFrames(
                new ParkedFrameLimits(maxFrames, perDestination, maxBytes, MAX_AGE), time::nanos);
    }

    private boolean park(ParkedFrames p, String dst, CompletableFuture<?> until, String frame) {
        return p.park(dst, until, 100, () -> sent.add(frame));
    }

    @Test
    void framesWaitForTheirRouteAndGoOutWhenItIsConfirmed() {
        ParkedFrames p = frames(10, 10, 10_000);
        CompletableFuture<Integer> route = new CompletableFuture<>();
        park(p, "b", route, "1");
        park(p, "b", route, "2");
        assertThat(sent).isEmpty();
        assertThat(p.counts()).isEqualTo(new ParkedFrameCounts(2, 0, 0, 0));

        time.advance(Duration.ofMillis(999));
        route.complete(3);

        assertThat(sent).containsExactly("1", "2");
        assertThat(p.counts()).isEqualTo(ParkedFrameCounts.NONE);
    }

    @Test
    void framesOverABoundAreDroppedAtOnceAndCounted() {
        ParkedFrames p = frames(3, 2, 10_000);
        CompletableFuture<Integer> b = new CompletableFuture<>();
        CompletableFuture<Integer> c = new CompletableFuture<>();
        assertThat(park(p, "b", b, "b1")).isTrue();
        assertThat(park(p, "b", b, "b2")).isTrue();
        assertThat(park(p, "b", b, "b3")).as("per destination").isFalse();
        assertThat(park(p, "c", c, "c1")).isTrue();
        assertThat(park(p, "c", c, "c2")).as("in all").isFalse();
        assertThat(p.counts()).isEqualTo(new ParkedFrameCounts(3, 2, 0, 0));

        b.complete(1);
        c.complete(1);
        assertThat(sent).containsExactlyInAnyOrder("b1", "b2", "c1");
        assertThat(p.counts()).isEqualTo(new ParkedFrameCounts(0, 2, 0, 0));
    }

    @Test
    void framesOverTheByteBoundAreDropped() {
        ParkedFrames p = frames(10, 10, 250);
        CompletableFuture<Integer> b = new CompletableFuture<>();
        assertThat(park(p, "b", b, "1")).isTrue();
        assertThat(park(p, "b", b, "2")).isTrue();
        assertThat(park(p, "b", b, "3")).isFalse();
        b.complete(1);
        assertThat(park(p, "b", new CompletableFuture<>(), "4")).as("bytes given back").isTrue();
    }

    @Test
    void aRouteConfirmedTooLateDropsItsFramesAsExpired() {
        ParkedFrames p = frames(10, 10, 10_000);
        CompletableFuture<Integer> route = new CompletableFuture<>();
        park(p, "b", route, "old");
        time.advance(Duration.ofMillis(600));
        park(p, "b", route, "young");
        time.advance(Duration.ofMillis(401));

        route.complete(1);

        assertThat(sent).containsExactly("young");
        assertThat(p.counts()).isEqualTo(new ParkedFrameCounts(0, 0, 1, 0));
    }

    @Test
    void aRouteThatNeverSettlesHoldsItsFramesNoLongerThanTheMaximumAge() {
        ParkedFrames p = frames(4, 4, 10_000);
        CompletableFuture<Integer> never = new CompletableFuture<>();
        for (int i = 0; i < 10; i++) {
            park(p, "b", never, "f" + i);
        }
        assertThat(p.counts()).isEqualTo(new ParkedFrameCounts(4, 6, 0, 0));
        assertThat(never.getNumberOfDependents()).as("one callback for all frames").isEqualTo(1);

        time.advance(Duration.ofMillis(1_001));
        assertThat(p.counts()).isEqualTo(new ParkedFrameCounts(0, 6, 4, 0));

        // Room again: new frames park, and are let go in their turn.
        assertThat(park(p, "b", never, "late")).isTrue();
        time.advance(Duration.ofMillis(1_001));
        assertThat(p.counts()).isEqualTo(new ParkedFrameCounts(0, 6, 5, 0));

        never.complete(1); // long after: nothing left to send
        assertThat(sent).isEmpty();
        assertThat(p.counts()).isEqualTo(new ParkedFrameCounts(0, 6, 5, 0));
    }

    @Test
    void aFailedRouteDropsItsFramesAndGivesTheirRoomBack() {
        ParkedFrames p = frames(2, 2, 10_000);
        CompletableFuture<Integer> route = new CompletableFuture<>();
        park(p, "b", route, "1");
        park(p, "b", route, "2");

        route.completeExceptionally(new IllegalStateException("request timed out"));

        assertThat(sent).isEmpty();
        assertThat(p.counts()).isEqualTo(new ParkedFrameCounts(0, 0, 0, 2));
        CompletableFuture<Integer> next = new CompletableFuture<>();
        assertThat(park(p, "b", next, "3")).isTrue();
        next.complete(1);
        assertThat(sent).containsExactly("3");
    }

    @Test
    void aFrameThatFailsToGoOutDoesNotStopTheOthers() {
        ParkedFrames p = frames(10, 10, 10_000);
        CompletableFuture<Integer> route = new CompletableFuture<>();
        p.park(
                "b",
                route,
                100,
                () -> {
                    throw new IllegalArgumentException("in_port not supported in OF1.5");
                });
        park(p, "b", route, "2");

        route.complete(1);

        assertThat(sent).containsExactly("2");
        assertThat(p.counts().parked()).isZero();
    }

    @Test
    void aFrameParkedBehindAnAlreadyDoneFutureIsReleasedAtOnce() {
        ParkedFrames p = frames(10, 10, 10_000);
        park(p, "b", CompletableFuture.completedFuture(1), "1");
        assertThat(sent).containsExactly("1");
        assertThat(p.counts()).isEqualTo(ParkedFrameCounts.NONE);
    }
}
