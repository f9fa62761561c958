package org.weft.net.policy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Rate limits: meters on hosts' ingress switches, following the hosts when they move. */
public interface RateLimitService {

    /**
     * Validates, stores and installs a rate limit on its host's ingress switch.
     *
     * @throws PolicyException INVALID, DUPLICATE, UNKNOWN_TARGET (host unknown), UNSUPPORTED (its
     *     switch has no policy stage or no meters); nothing is stored or installed then
     */
    CompletableFuture<RateLimitEntry> add(RateLimit limit);

    /**
     * Removes a rate limit's entry and meter and forgets it.
     *
     * @throws PolicyException NOT_FOUND
     */
    CompletableFuture<Void> remove(String id);

    Optional<RateLimitEntry> get(String id);

    List<RateLimitEntry> list();

    /** The meters every connected switch reports, with their band counters. */
    CompletableFuture<List<MeterEntry>> meters();
}
