package org.weft.net.topology;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Two disjoint paths between the same switches whose total cost is minimal (Suurballe). The primary
 * is the cheaper of the two; it is not necessarily the single shortest path.
 *
 * @param primary the cheaper path
 * @param backup the other path
 */
public record DisjointPathPair(Path primary, Path backup) {

    public DisjointPathPair {
        checkNotNull(primary, "primary");
        checkNotNull(backup, "backup");
        checkArgument(
                primary.src().equals(backup.src()) && primary.dst().equals(backup.dst()),
                "both paths must join the same switches");
    }

    public double totalCost() {
        return primary.cost() + backup.cost();
    }
}
