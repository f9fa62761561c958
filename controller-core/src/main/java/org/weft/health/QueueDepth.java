package org.weft.health;

/**
 * How full one internal queue is.
 *
 * @param depth items waiting now
 * @param bound the depth above which the controller reports itself degraded
 */
public record QueueDepth(String name, int depth, int bound) {

    public boolean withinBound() {
        return depth <= bound;
    }
}
