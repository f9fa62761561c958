package org.weft.rest.events;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Something that produces {@link RestEvent}s, typically by listening to a core service. The REST
 * server subscribes once at start and unsubscribes at stop.
 */
public interface EventSource {

    /**
     * Starts delivering events to the sink, each as a supplier: the source captures what happened
     * (immutable) on the thread that told it, and the message is built only if someone listens, on
     * the receiver's thread ({@link EventHub}).
     *
     * @return closes the subscription
     */
    AutoCloseable subscribe(Consumer<Supplier<RestEvent>> sink);
}
