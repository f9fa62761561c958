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

    /**
     * Device and link events left out of the snapshots' reasons because too many were waiting for
     * the writer ({@code weft_topology_reasons_dropped_total}): their effect is in the next
     * snapshot all the same, only the event is not among its {@link TopologyEvent#reasons()}.
     */
    default long reasonsDropped() {
        return 0;
    }
}
