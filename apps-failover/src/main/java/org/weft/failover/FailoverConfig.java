package org.weft.failover;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * Settings of the failover app (configured under {@code routing.*}, see docs/configuration.md).
 *
 * @param protection whether routing's plans get fast-failover groups with backups chosen by {@link
 *     LocalProtection} (OF1.3+; default on)
 * @param recoveryHoldDown how long a recovered link or switch must stay quiet before routes are
 *     re-optimised onto it (default 2 s); every new recovery restarts the wait, up to {@link
 *     #MAX_HOLD_DOWNS} times, so a flapping link cannot make the fabric churn
 */
public record FailoverConfig(boolean protection, Duration recoveryHoldDown) {

    /** A recovery waits at most this many hold-downs, however often links keep flapping. */
    public static final int MAX_HOLD_DOWNS = 5;

    public FailoverConfig {
        checkNotNull(recoveryHoldDown, "recoveryHoldDown");
        checkArgument(!recoveryHoldDown.isNegative(), "recoveryHoldDown must not be negative");
    }

    public static FailoverConfig defaults() {
        return new FailoverConfig(true, Duration.ofSeconds(2));
    }
}
