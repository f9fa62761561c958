package org.weft.routing;

import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;

/**
 * What one switch contributes to a destination's plan: its forwarding rule, the group the rule
 * points at (null when it outputs to a port), and the U-turn rule its backup needs at the neighbour
 * on the far end (null when none).
 */
record SwitchPart(FlowRule rule, Group group, FlowRule uturn) {}
