package org.weft.rest.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.SwitchReplyTooLargeException;
import org.weft.rest.ApiException;

class SwitchCallsTest {

    private static int statusOf(Throwable cause) {
        try {
            SwitchCalls.await(CompletableFuture.failedFuture(cause), "reading flows");
        } catch (ApiException e) {
            return e.status();
        }
        throw new AssertionError("no ApiException");
    }

    @Test
    void switchFailuresBecomeClearStatuses() {
        assertThat(statusOf(new DeviceNotConnectedException(Dpid.of(1)))).isEqualTo(409);
        assertThat(statusOf(new SwitchReplyTooLargeException(Dpid.of(1), "too big")))
                .isEqualTo(502);
        assertThat(statusOf(new TimeoutException())).isEqualTo(504);
        assertThat(statusOf(new IllegalStateException("bug"))).isEqualTo(500);
    }

    @Test
    void theDetailSaysWhatWasAskedAndWhy() {
        assertThatThrownBy(
                        () ->
                                SwitchCalls.await(
                                        CompletableFuture.failedFuture(
                                                new SwitchReplyTooLargeException(
                                                        Dpid.of(2), "reply exceeds 1024 parts")),
                                        "reading flows"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("reading flows")
                .hasMessageContaining("1024 parts");
    }
}
