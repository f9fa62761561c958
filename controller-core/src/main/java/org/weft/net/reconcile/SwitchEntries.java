package org.weft.net.reconcile;

import java.util.List;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;

/** Flow entries and groups of one app on one switch (intended, or as the switch reports them). */
public record SwitchEntries(List<FlowRule> flows, List<Group> groups) {

    public static final SwitchEntries EMPTY = new SwitchEntries(List.of(), List.of());

    public SwitchEntries {
        flows = List.copyOf(flows);
        groups = List.copyOf(groups);
    }

    public static SwitchEntries flows(List<FlowRule> flows) {
        return new SwitchEntries(flows, List.of());
    }
}
