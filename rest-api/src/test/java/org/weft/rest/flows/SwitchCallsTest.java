package org.weft.rest.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.SwitchErrorException;
import org.weft.net.SwitchReplyTooLargeException;
import org.weft.rest.ApiException;

class SwitchCallsTest {

    private final SwitchCalls calls = new SwitchCalls(Duration.ofMillis(200), 2);

    private int statusOf(Throwable cause) {
        try {
            calls.call("reading flows", () -> CompletableFuture.failedFuture(cause));
        } catch (ApiException e) {
            return e.status();
        }
        throw new AssertionError("no ApiException");
    }

    @Test
    void switchFailuresBecomeClearStatuses() {
        assertThat(statusOf(new DeviceNotConnectedException(Dpid.of(1)))).isEqualTo(409);
        assertThat(statusOf(new SwitchErrorException(Dpid.of(1), 1, "BAD_REQUEST", "BAD_TYPE")))
                .isEqualTo(422);
        assertThat(statusOf(new SwitchReplyTooLargeException(Dpid.of(1), "too big")))
                .isEqualTo(502);
        assertThat(statusOf(new TimeoutException())).isEqualTo(504);
        assertThat(statusOf(new IllegalStateException("bug"))).isEqualTo(500);
    }

    @Test
    void theDetailSaysWhatWasAskedAndWhy() {
        assertThatThrownBy(
                        () ->
                                calls.call(
                                        "reading flows",
                                        () ->
                                                CompletableFuture.failedFuture(
                                                        new SwitchReplyTooLargeException(
                                                                Dpid.of(2),
                                                                "reply exceeds 1024 parts"))))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("reading flows")
                .hasMessageContaining("1024 parts");
    }

    @Test
    void aSilentSwitchIsWaitedForAtMostTheRequestTimeout() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> calls.call("reading flows", CompletableFuture::new))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(504);
                            assertThat(e.detail()).contains("200 ms");
                        });
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(tookMs).isBetween(150L, 5_000L);
        assertThat(calls.inFlight()).as("the place is given back").isZero();
    }

    @Test
    void beyondTheBoundARequestIsRefusedAtOnceWithRetryAfter() {
        SwitchCalls.Slot first = calls.enter("one");
        SwitchCalls.Slot second = calls.enter("two");
        assertThat(calls.inFlight()).isEqualTo(2);
        assertThatThrownBy(() -> calls.enter("three"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(429);
                            assertThat(e.headers()).containsEntry("Retry-After", "1");
                            assertThat(e.detail()).contains("rest.maxSwitchCalls");
                        });
        first.close();
        first.close();
        assertThat(calls.inFlight()).as("closing twice gives back one place").isEqualTo(1);
        calls.enter("three").close();
        second.close();
        assertThat(calls.inFlight()).isZero();
    }

    @Test
    void aRequestThatThrowsInsteadOfFailingItsFutureIsTranslatedToo() {
        assertThatThrownBy(
                        () ->
                                calls.call(
                                        "pushing",
                                        () -> {
                                            throw new IllegalArgumentException("no such action");
                                        }))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(calls.inFlight()).isZero();
    }
}
