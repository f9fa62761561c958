package org.weft.net.intent;

import static com.google.common.base.Preconditions.checkNotNull;

import org.weft.net.Dpid;
import org.weft.net.flow.FlowRule;

/**
 * A static flow as it stands now.
 *
 * @param id its id, never reused; also the low 48 bits of its rule's cookie
 * @param rule the flow rule it keeps on its switch (cookie included)
 * @param state where it stands on its switch now
 * @param error the switch's error as {@code TYPE/CODE} when {@link StaticFlowState#FAILED}, else
 *     null
 */
public record StaticFlow(long id, FlowRule rule, StaticFlowState state, String error) {

    public StaticFlow {
        checkNotNull(rule, "rule");
        checkNotNull(state, "state");
    }

    public Dpid dpid() {
        return rule.dpid();
    }
}
