package org.weft.rest.events;

import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to every source and sends each event to every connected SSE client, on a thread of its
 * own so a slow client never delays the sources' other listeners.
 */
public final class EventHub implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventHub.class);

    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private final ExecutorService sender =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "weft-rest-events");
                        t.setDaemon(true);
                        return t;
                    });

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

    void publish(RestEvent event) {
        try {
            sender.execute(() -> send(event));
        } catch (RejectedExecutionException e) {
            log.debug("Event {} dropped: the event stream is closed", event, e);
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
