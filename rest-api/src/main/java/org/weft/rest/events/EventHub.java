package org.weft.rest.events;

import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.util.BoundedExecutor;

/**
 * Subscribes to every source and sends each event to every connected SSE client, on a thread of its
 * own so a slow client never delays the sources' other listeners. An event is built into its
 * message on that thread, and only while a client is connected: with none, a source's listener
 * costs a check. At most {@link #MAX_QUEUED} events wait for the thread; more are dropped and
 * counted ({@link #dropped()}, {@code weft_rest_events_dropped_total}).
 */
public final class EventHub implements AutoCloseable {

    /** Events waiting for the sending thread at most. */
    public static final int MAX_QUEUED = 10_000;

    private static final Logger log = LoggerFactory.getLogger(EventHub.class);

    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();

    private final BoundedExecutor sender = new BoundedExecutor("weft-rest-events", MAX_QUEUED);

    public EventHub(List<EventSource> sources) {
        for (EventSource s : sources) {
            subscriptions.add(s.subscribe(this::publish));
        }
    }

    /** Keeps the client open and sends it every following event until it disconnects. */
    public void join(SseClient client) {
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendComment("connected");
        client.keepAlive();
    }

    public int clientCount() {
        return clients.size();
    }

    /** Events dropped since start because {@link #MAX_QUEUED} were waiting already. */
    public long dropped() {
        return sender.rejected();
    }

    void publish(Supplier<RestEvent> event) {
        if (!clients.isEmpty()) {
            sender.tryExecute(() -> send(event.get()));
        }
    }

    private void send(RestEvent event) {
        for (SseClient c : clients) {
            if (c.terminated()) {
                clients.remove(c);
            } else {
                c.sendEvent(event.topic(), event.data());
            }
        }
    }

    @Override
    public void close() {
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                log.warn("Closing an event subscription failed", e);
            }
        }
        sender.shutdown();
        clients.forEach(SseClient::close);
        clients.clear();
    }
}
