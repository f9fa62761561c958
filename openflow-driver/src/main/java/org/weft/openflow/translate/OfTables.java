package org.weft.openflow.translate;

import static com.google.common.base.Preconditions.checkArgument;

import org.weft.net.flow.FlowRule;

/**
 * Logical tables (what core and apps see) to the switch's physical tables and back. A switch with a
 * policy stage (OpenFlow 1.3, 2 tables or more) runs {@link FlowRule#POLICY_TABLE} as physical
 * table 0, and forwarding's logical table t as physical t+1; on any other switch logical and
 * physical tables are the same.
 */
public final class OfTables {

    private OfTables() {}

    /**
     * @throws IllegalArgumentException for the policy table on a switch without a policy stage, or
     *     a logical table the shift would push past the last physical one
     */
    public static int physical(boolean policyStage, int logical) {
        if (!policyStage) {
            checkArgument(logical != FlowRule.POLICY_TABLE, "no policy stage on this switch");
            return logical;
        }
        if (logical == FlowRule.POLICY_TABLE) {
            return 0;
        }
        checkArgument(logical + 1 < FlowRule.POLICY_TABLE, "logical table %s too high", logical);
        return logical + 1;
    }

    public static int logical(boolean policyStage, int physical) {
        if (!policyStage) {
            return physical;
        }
        return physical == 0 ? FlowRule.POLICY_TABLE : physical - 1;
    }
}
