package org.weft.net.reconcile;

/**
 * The reconciler's counters since start.
 *
 * @param passes passes finished (converged or not)
 * @param failedPasses passes that could not read the switch or whose writes were not all confirmed
 * @param repairs flow and group operations sent to converge switches
 * @param queued switches waiting for a pass now
 * @param running passes in flight now
 * @param heldBack removals passes held back while the fabric was settling after Weft started (an
 *     entry held back by several passes counts once per pass)
 * @param settling whether removals of entries apps learn after start are held back now
 * @param putOff periodic passes put off because an app was changing switches (each look that found
 *     it still changing counts)
 * @param eventsFolded switch events folded into a switch's entry already waiting
 * @param requestsRefused passes asked for on demand and refused at once because too many were
 *     unanswered
 */
public record ReconcileStats(
        long passes,
        long failedPasses,
        long repairs,
        int queued,
        int running,
        long heldBack,
        boolean settling,
        long putOff,
        long eventsFolded,
        long requestsRefused) {}
