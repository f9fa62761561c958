package org.weft.rest.events;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One event as clients of {@code /api/v1/events} see it.
 *
 * @param topic SSE event name, e.g. {@code device}; later {@code link}, {@code host}, {@code
 *     failover}
 * @param data serialized as the JSON data of the SSE message
 */
public record RestEvent(String topic, Object data) {

    public RestEvent {
        checkNotNull(topic, "topic");
        checkNotNull(data, "data");
    }
}
