package org.weft.net.steering;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Steering rules: IPv4 traffic pinned to explicit paths or routed around links, installed above the
 * routing app's routes, kept durably and re-installed after restarts and reconnections.
 */
public interface SteeringService {

    /**
     * Validates the request against the current topology, stores it and installs it.
     *
     * @return completes with the rule once its flows are confirmed by every switch of its path, or
     *     with its state when it cannot be installed yet (waiting for a host)
     * @throws SteeringException when the request is invalid or names unknown switches or links, or
     *     its path is not linked; nothing is stored then
     */
    CompletableFuture<SteeringRule> add(SteeringRequest request);

    /**
     * Removes a rule's flows and forgets it.
     *
     * @throws SteeringException of kind {@link SteeringException.Kind#UNKNOWN_RULE}
     */
    CompletableFuture<Void> remove(String id);

    Optional<SteeringRule> get(String id);

    /** Every rule, in id order. */
    List<SteeringRule> list();
}
