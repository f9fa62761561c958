package org.weft.routing;

import com.google.common.collect.ImmutableSortedSet;
import java.util.Set;
import org.weft.net.PortNumber;

/**
 * What the planners need to know of a switch besides the topology.
 *
 * @param supportsGroups whether it speaks OpenFlow 1.3+ (select groups for multipath)
 * @param livePorts its physical ports that are up
 */
public record SwitchInfo(boolean supportsGroups, ImmutableSortedSet<PortNumber> livePorts) {

    public static SwitchInfo of(boolean supportsGroups, Set<PortNumber> livePorts) {
        return new SwitchInfo(supportsGroups, ImmutableSortedSet.copyOf(livePorts));
    }
}
