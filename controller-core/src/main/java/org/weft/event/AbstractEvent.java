package org.weft.event;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Base of Weft's typed events: a type from a per-domain enum, the subject it is about, and when it
 * happened.
 *
 * @param <T> the event type enum
 * @param <S> the subject type
 */
public abstract class AbstractEvent<T extends Enum<T>, S> {

    private final T type;
    private final S subject;
    private final long timeMillis;

    protected AbstractEvent(T type, S subject) {
        this(type, subject, System.currentTimeMillis());
    }

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
