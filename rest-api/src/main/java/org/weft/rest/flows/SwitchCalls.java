package org.weft.rest.flows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.SwitchErrorException;
import org.weft.net.SwitchReplyTooLargeException;
import org.weft.rest.ApiException;

/** Waits for a switch's answer and turns its failures into the API's errors. */
public final class SwitchCalls {

    /** How long a request waits for a switch (barrier reply or stats reply). */
    public static final long TIMEOUT_SECONDS = 10;

    private SwitchCalls() {}

    /** The future's value, or an {@link ApiException} saying why the switch did not give it. */
    public static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted", what + " was interrupted", e);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new ApiException(
                    504,
                    "switch timeout",
                    what + ": no answer within " + TIMEOUT_SECONDS + " s",
                    e);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), what);
        }
    }

    static ApiException translate(Throwable cause, String what) {
        if (cause instanceof DeviceNotConnectedException d) {
            return new ApiException(
                    409,
                    "switch not connected",
                    what + ": switch " + d.dpid() + " is not connected",
                    d);
        } else if (cause instanceof SwitchErrorException s) {
            return new ApiException(
                    422,
                    "switch rejected",
                    what
                            + ": switch "
                            + s.dpid()
                            + " answered "
                            + s.errorType()
                            + "/"
                            + s.errorCode(),
                    s);
        } else if (cause instanceof SwitchReplyTooLargeException t) {
            return new ApiException(502, "switch reply too large", what + ": " + t.getMessage(), t);
        } else if (cause instanceof TimeoutException t) {
            return new ApiException(
                    504,
                    "switch timeout",
                    what + ": the switch did not answer within openflow.requestTimeoutMs",
                    t);
        } else if (cause instanceof UnsupportedOperationException u) {
            return new ApiException(422, "unsupported", what + ": " + u.getMessage(), u);
        } else if (cause instanceof IllegalArgumentException i) {
            return new ApiException(400, "bad request", what + ": " + i.getMessage(), i);
        }
        return new ApiException(500, "internal error", what + " failed: " + cause, cause);
    }
}
