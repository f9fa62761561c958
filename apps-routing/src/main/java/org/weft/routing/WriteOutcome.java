package org.weft.routing;

import org.weft.net.flow.BatchResult;

/**
 * What one {@link SwitchWriter} batch achieved on its switch: group operations the switch
 * confirmed, and the flow batch's result (null when it was not sent or its outcome is unknown:
 * nothing of it counts as confirmed).
 *
 * @param clean whether every stage was confirmed in full
 * @param skipped not this instance's to write (another instance of the cluster masters the switch):
 *     nothing confirmed, nothing missing
 */
record WriteOutcome(int groupsConfirmed, BatchResult flows, boolean clean, boolean skipped) {

    static final WriteOutcome NOTHING = new WriteOutcome(0, null, false, false);

    static final WriteOutcome SKIPPED = new WriteOutcome(0, null, true, true);

    boolean flowConfirmed(int index) {
        return flows != null && index < flows.size() && !flows.failed(index);
    }

    int confirmed() {
        return groupsConfirmed + (flows == null ? 0 : flows.confirmedCount());
    }
}
