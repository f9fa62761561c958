package org.weft.event;

import static com.google.common.base.Preconditions.checkNotNull;

import org.weft.time.TimeSource;

/**
 * Base of Weft's typed events: a type from a per-domain enum, the subject it is about, and when it
 * happened.
 *
 * <p>A component that has a {@link TimeSource} stamps its events with it (the constructor taking
 * {@code timeMillis}), so events made under virtual time carry virtual time; the other constructor
 * reads the system's wall clock, for posters without one.
 *
 * @param <T> the event type enum
 * @param <S> the subject type
 */
public abstract class AbstractEvent<T extends Enum<T>, S> {

    private final T type;
    private final S subject;
    private final long timeMillis;

    /** An event stamped with the system's wall clock now. */
    protected AbstractEvent(T type, S subject) {
        this(type, subject, TimeSource.system().millis());
    }

    /** An event that happened at {@code timeMillis} (wall clock, milliseconds since the epoch). */
    protected AbstractEvent(T type, S subject, long timeMillis) {
        this.type = checkNotNull(type, "type");
        this.subject = checkNotNull(subject, "subject");
        this.timeMillis = timeMillis;
    }

    public T type() {
        return type;
    }

    public S subject() {
        return subject;
    }

    public long timeMillis() {
        return timeMillis;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + type + " " + subject + "}";
    }
}
