package org.weft.rest.events;

import java.util.function.Consumer;

/**
 * Something that produces {@link RestEvent}s, typically by listening to a core service. The REST
 * server subscribes once at start and unsubscribes at stop.
 */
public interface EventSource {

    /**
     * Starts delivering events to the sink.
     *
     * @return closes the subscription
     */
    AutoCloseable subscribe(Consumer<RestEvent> sink);
}
