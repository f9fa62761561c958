package org.weft.net.intent;

import java.util.SortedMap;
import org.weft.net.steering.SteeringRequest;

/**
 * Where steering rules are kept durably, by number. The steering app plans and installs them; this
 * only keeps what was asked.
 */
public interface SteeringRuleStore {

    /**
     * Every stored rule, by number. A stored rule that cannot be read is quarantined (see {@link
     * org.weft.store.IntentStore#quarantine}) and the others are loaded.
     */
    SortedMap<Long, SteeringRequest> load();

    /**
     * Records a rule under a new number (never reused); durable when this returns.
     *
     * @throws org.weft.store.StoreException when it could not be recorded
     */
    long add(SteeringRequest request);

    /**
     * Forgets a rule; durable when this returns.
     *
     * @return false when there was no such rule
     */
    boolean remove(long number);

    /**
     * Calls {@code changed} after rules were added or removed by another instance of a cluster
     * sharing the store (or by this one: the caller re-reads with {@link #load} and applies the
     * difference). A store only this process writes never calls it.
     */
    void watch(Runnable changed);
}
