package org.weft.net.stats;

import org.weft.event.AbstractEvent;

/** A link became hot (its utilisation reached the hot threshold) or cooled down again. */
public final class LoadEvent extends AbstractEvent<LoadEvent.Type, LinkLoad> {

    /** Which way the link crossed. */
    public enum Type {
        /** Utilisation reached {@code stats.hotThreshold}. */
        HOT,
        /** Utilisation fell below {@code stats.coolThreshold} after being hot. */
        COOLED
    }

    public LoadEvent(Type type, LinkLoad load) {
        super(type, load, load.atMillis());
    }
}
