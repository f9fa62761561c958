package org.weft.rest.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class EventHubTest {

    /** A source that hands its sink to the test. */
    private static final class ManualSource implements EventSource {
        Consumer<Supplier<RestEvent>> sink;
        boolean closed;

        @Override
        public AutoCloseable subscribe(Consumer<Supplier<RestEvent>> sink) {
            this.sink = sink;
            return () -> closed = true;
        }
    }

    @Test
    void withoutClientsNoEventIsBuiltOrQueued() {
        ManualSource source = new ManualSource();
        AtomicInteger built = new AtomicInteger();
        try (EventHub hub = new EventHub(List.of(source))) {
            for (int i = 0; i < 2 * EventHub.MAX_QUEUED; i++) {
                source.sink.accept(
                        () -> {
                            built.incrementAndGet();
                            return new RestEvent("host", Map.of());
                        });
            }
            assertThat(built).hasValue(0);
            assertThat(hub.dropped()).isZero();
            assertThat(hub.clientCount()).isZero();
        }
        assertThat(source.closed).isTrue();
    }
}
