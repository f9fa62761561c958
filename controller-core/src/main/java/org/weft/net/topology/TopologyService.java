package org.weft.net.topology;

/**
 * The current topology as an immutable snapshot, and what changed between snapshots. Reading the
 * snapshot never blocks.
 */
public interface TopologyService {

    /** The latest published snapshot (a volatile read; never null). */
    TopologySnapshot currentSnapshot();

    void addListener(TopologyListener listener);

    void removeListener(TopologyListener listener);
}
