package org.weft.net.meter;

import static com.google.common.base.Preconditions.checkNotNull;

/** Add, modify or remove one meter. */
public record MeterOperation(Type type, Meter meter) {

    public enum Type {
        ADD,
        MODIFY,
        REMOVE
    }

    public MeterOperation {
        checkNotNull(type, "type");
        checkNotNull(meter, "meter");
    }
}
