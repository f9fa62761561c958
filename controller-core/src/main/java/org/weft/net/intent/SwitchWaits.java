package org.weft.net.intent;

/**
 * How many callers may wait for switches at once, decided by the caller (REST bounds it with {@code
 * rest.maxSwitchCalls}). A service takes a place right before it sends something it will wait for,
 * and only then: a request that waits for no switch never needs one.
 */
@FunctionalInterface
public interface SwitchWaits {

    /** No bound: every caller may wait. */
    SwitchWaits UNBOUNDED = what -> () -> {};

    /**
     * Takes a place for a wait.
     *
     * @param what what the wait is for, for the refusal's message
     * @throws RuntimeException the caller's own refusal when no place is free; the service passes
     *     it on unchanged, having recorded and sent nothing
     */
    Place enter(String what);

    /** A place taken; closing it gives it back. */
    interface Place extends AutoCloseable {
        @Override
        void close();
    }
}
