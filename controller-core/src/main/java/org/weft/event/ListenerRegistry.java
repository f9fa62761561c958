package org.weft.event;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the listeners of one service and delivers events to them on an executor of their own, in
 * order. A listener that throws is logged and does not stop delivery to the others.
 *
 * @param <E> event class
 * @param <L> listener class
 */
public final class ListenerRegistry<E, L extends EventListener<E>> {

    private static final Logger log = LoggerFactory.getLogger(ListenerRegistry.class);

    private final List<L> listeners = new CopyOnWriteArrayList<>();
    private final Executor executor;

    /**
     * @param executor where listeners run; it must run tasks in submission order (a single thread)
     *     so listeners see events in the order they happened
     */
    public ListenerRegistry(Executor executor) {
        this.executor = checkNotNull(executor, "executor");
    }

    public void add(L listener) {
        listeners.add(checkNotNull(listener, "listener"));
    }

    public void remove(L listener) {
        listeners.remove(listener);
    }

    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    /** Queues delivery of the event to every listener registered now. */
    public void post(E event) {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> deliver(event));
        } catch (RejectedExecutionException e) {
            log.debug("Event {} dropped: the event executor is shut down or full", event, e);
        }
    }

    private void deliver(E event) {
        for (L l : listeners) {
            try {
                l.event(event);
            } catch (RuntimeException e) {
                log.error("Listener {} failed on {}", l.getClass().getName(), event, e);
            }
        }
    }
}
