package org.weft.routing;

import java.util.concurrent.CompletableFuture;

/**
 * What one destination's change achieved on its switch ({@link SwitchWriter#change}).
 *
 * @param confirmed operations the switch confirmed
 * @param complete whether every operation of the change was confirmed
 */
record Programmed(int confirmed, boolean complete) {

    static final Programmed NOTHING_TO_DO = new Programmed(0, true);

    /**
     * What {@link SwitchWriter#change} returns when the switch has nothing to do (one instance).
     */
    static final CompletableFuture<Programmed> NOTHING_DONE =
            CompletableFuture.completedFuture(NOTHING_TO_DO);
}
