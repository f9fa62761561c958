package org.weft.net.flow;

import static com.google.common.base.Preconditions.checkNotNull;

import org.weft.net.Dpid;

/**
 * A batch a switch did not fully confirm: some operations rejected (reason is the first error's
 * {@code TYPE/CODE}, for example {@code FLOW_MOD_FAILED/TABLE_FULL}) or no barrier reply within the
 * request timeout (reason {@code TIMEOUT}). Its switch's tables may differ from intent.
 *
 * @param operations operations in the batch
 * @param failed operations not confirmed (all of them on a timeout)
 */
public record BatchFailure(Dpid dpid, String reason, int operations, int failed) {

    /** Reason of a batch whose barrier reply did not come in time. */
    public static final String TIMEOUT = "TIMEOUT";

    public BatchFailure {
        checkNotNull(dpid, "dpid");
        checkNotNull(reason, "reason");
    }
}
