package org.weft.net.topology;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSortedSet;
import org.weft.net.Dpid;

/**
 * A set of switches joined by links, ignoring link direction. Its id is its smallest {@link Dpid},
 * which stays the same as long as that switch stays in the component.
 *
 * @param id the smallest switch of the component
 * @param switches all switches of the component, in ascending order
 */
public record ConnectedComponent(Dpid id, ImmutableSortedSet<Dpid> switches) {

    public ConnectedComponent {
        checkNotNull(id, "id");
        checkNotNull(switches, "switches");
        checkArgument(
                !switches.isEmpty() && switches.first().equals(id),
                "component id must be its smallest switch");
    }

    public int size() {
        return switches.size();
    }

    public boolean contains(Dpid dpid) {
        return switches.contains(dpid);
    }
}
