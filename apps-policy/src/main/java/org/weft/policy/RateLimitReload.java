package org.weft.policy;

/**
 * Applies the stored rate limits after another instance of a cluster changed them (the store's
 * watcher): limits gone from the store, or stored again under a new number, are released; new ones
 * are placed. Runs on the policy thread like this instance's own changes, which it finds already
 * applied.
 */
final class RateLimitReload {

    private final PolicyContext ctx;
    private final RateLimitApp rateLimits;

    RateLimitReload(PolicyContext ctx, RateLimitApp rateLimits) {
        this.ctx = ctx;
        this.rateLimits = rateLimits;
    }

    /** Queues a reload on the policy thread. */
    void reload() {
        ctx.runLogged("Applying the stored rate limits", this::apply);
    }

    private void apply() {
        var stored = ctx.store.loadRateLimits();
        rateLimits
                .numbers()
                .forEach(
                        (id, number) -> {
                            var s = stored.get(id);
                            if (s == null || s.number() != number) {
                                rateLimits.removedElsewhere(id, number);
                            }
                        });
        stored.forEach((id, s) -> rateLimits.addedElsewhere(id, s.number(), s.value()));
    }
}
