package org.weft.rest.flows;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.SwitchErrorException;
import org.weft.net.SwitchReplyTooLargeException;
import org.weft.net.intent.SwitchWaits;
import org.weft.rest.ApiException;

/**
 * Waits for switches on behalf of REST requests, within bounds: a wait lasts at most the request
 * timeout ({@code openflow.requestTimeoutMs}), and at most {@code rest.maxSwitchCalls} requests
 * wait at once. One more is refused at once with 429 and {@code Retry-After} instead of parking a
 * server thread, so a silent switch cannot take the server's threads (and {@code /health}, which
 * never waits for a switch, keeps answering). Failures become the API's errors.
 */
public final class SwitchCalls implements SwitchWaits {

    /** What a refused request is told to wait before trying again. */
    public static final long RETRY_AFTER_SECONDS = 1;

    private final Duration timeout;
    private final int maxInFlight;
    private final Semaphore places;

    /**
     * @param timeout the longest wait for one switch answer
     * @param maxInFlight requests waiting for switches at once
     */
    public SwitchCalls(Duration timeout, int maxInFlight) {
        checkArgument(!timeout.isNegative() && !timeout.isZero(), "timeout must be > 0");
        checkArgument(maxInFlight >= 1, "maxInFlight %s < 1", maxInFlight);
        this.timeout = checkNotNull(timeout, "timeout");
        this.maxInFlight = maxInFlight;
        this.places = new Semaphore(maxInFlight);
    }

    public Duration timeout() {
        return timeout;
    }

    /** Requests waiting for switches now. */
    public int inFlight() {
        return maxInFlight - places.availablePermits();
    }

    /**
     * Takes a place for a request that will wait for switches.
     *
     * @throws ApiException 429 when every place is taken
     */
    @Override
    public Slot enter(String what) {
        if (!places.tryAcquire()) {
            throw ApiException.tooManyRequests(
                    what
                            + ": "
                            + maxInFlight
                            + " requests are already waiting for switches"
                            + " (rest.maxSwitchCalls); try again shortly",
                    RETRY_AFTER_SECONDS);
        }
        return new Slot();
    }

    /** Sends one request in a place of its own and waits for its answer. */
    public <T> T call(String what, Supplier<CompletableFuture<T>> request) {
        try (Slot slot = enter(what)) {
            return slot.await(what, request);
        }
    }

    /** A place taken; closing it gives it back. */
    public final class Slot implements SwitchWaits.Place {

        private boolean closed;

        private Slot() {}

        /**
         * Sends the request and waits for its answer, at most the request timeout.
         *
         * @throws ApiException saying why the switch did not give the answer (its cause is the
         *     switch's failure, or a {@link TimeoutException})
         */
        public <T> T await(String what, Supplier<CompletableFuture<T>> request) {
            CompletableFuture<T> future;
            try {
                future = request.get();
            } catch (RuntimeException e) {
                throw translate(e, what);
            }
            try {
                return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(503, "interrupted", what + " was interrupted", e);
            } catch (TimeoutException e) {
                future.cancel(false);
                throw translate(e, what);
            } catch (ExecutionException e) {
                throw translate(e.getCause(), what);
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                places.release();
            }
        }
    }

    /** The API's error for a switch's failure to answer. */
    ApiException translate(Throwable cause, String what) {
        if (cause instanceof CompletionException c && c.getCause() != null) {
            cause = c.getCause();
        }
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
                    what + ": switch " + s.dpid() + " answered " + errorName(s),
                    s);
        } else if (cause instanceof SwitchReplyTooLargeException t) {
            return new ApiException(502, "switch reply too large", what + ": " + t.getMessage(), t);
        } else if (cause instanceof TimeoutException t) {
            return new ApiException(
                    504,
                    "switch timeout",
                    what
                            + ": the switch did not answer within "
                            + timeout.toMillis()
                            + " ms (openflow.requestTimeoutMs)",
                    t);
        } else if (cause instanceof UnsupportedOperationException u) {
            return new ApiException(422, "unsupported", what + ": " + u.getMessage(), u);
        } else if (cause instanceof IllegalArgumentException i) {
            return new ApiException(400, "bad request", what + ": " + i.getMessage(), i);
        } else if (cause instanceof RejectedExecutionException r) {
            return ApiException.tooManyRequests(
                    what + ": the service's queue is full; try again shortly", RETRY_AFTER_SECONDS);
        } else if (cause instanceof ApiException a) {
            return a;
        }
        return new ApiException(500, "internal error", what + " failed: " + cause, cause);
    }

    /** The switch's error as {@code TYPE/CODE}, e.g. {@code FLOW_MOD_FAILED/TABLE_FULL}. */
    private static String errorName(SwitchErrorException s) {
        return s.errorType() + "/" + s.errorCode();
    }
}
