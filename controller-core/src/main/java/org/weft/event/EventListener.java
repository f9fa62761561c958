package org.weft.event;

/**
 * Receives events of one kind. Called on the event executor, never on a switch I/O thread.
 *
 * @param <E> the event class
 */
@FunctionalInterface
public interface EventListener<E> {
    void event(E event);
}
