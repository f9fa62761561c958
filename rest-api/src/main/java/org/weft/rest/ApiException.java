package org.weft.rest;

import java.util.Map;

/**
 * A request Weft refuses or could not complete, carrying the HTTP status, the {@code
 * {"error","detail"}} it answers with and any headers (such as {@code Retry-After}). Thrown before
 * anything changed, unless the detail says what did (a static flow deletion that is recorded but
 * not confirmed by its switch, for example).
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final Map<String, String> headers;

    public ApiException(int status, String error, String detail) {
        this(status, error, detail, null);
    }

    public ApiException(int status, String error, String detail, Throwable cause) {
        this(status, error, detail, cause, Map.of());
    }

    private ApiException(
            int status, String error, String detail, Throwable cause, Map<String, String> headers) {
        super(detail, cause);
        this.status = status;
        this.error = error;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "bad request", detail);
    }

    public static ApiException badRequest(String detail, Throwable cause) {
        return new ApiException(400, "bad request", detail, cause);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not found", detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "conflict", detail);
    }

    public static ApiException unprocessable(String detail) {
        return new ApiException(422, "unprocessable", detail);
    }

    /** 429 with {@code Retry-After}: Weft is at a bound and refuses rather than queues. */
    public static ApiException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ApiException(
                429,
                "too many requests",
                detail,
                null,
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String detail() {
        return getMessage();
    }

    /** Headers the answer carries besides the JSON error. */
    public Map<String, String> headers() {
        return headers;
    }
}
