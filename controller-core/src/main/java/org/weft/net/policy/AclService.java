package org.weft.net.policy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The ACL firewall: ordered allow/deny rules in every switch's policy stage, applied to traffic
 * entering the fabric at an edge port (transit traffic is not filtered again).
 */
public interface AclService {

    /**
     * Validates, stores and installs a rule on every connected switch.
     *
     * @return completes with the rule once every connected switch was reconciled
     * @throws PolicyException INVALID, DUPLICATE, or UNSUPPORTED naming a connected switch without
     *     a policy stage; nothing is stored then
     */
    CompletableFuture<AclRule> add(AclRule rule);

    /**
     * Forgets a rule and removes its entries.
     *
     * @throws PolicyException NOT_FOUND
     */
    CompletableFuture<Void> remove(String id);

    Optional<AclRule> get(String id);

    /** Every rule in order, without counters (no switch is asked). */
    List<AclRule> rules();

    /** Every rule in order, with hit counters summed over the switches. */
    CompletableFuture<List<AclEntry>> list();
}
