package org.weft.net.topology;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.List;
import java.util.Set;
import org.weft.event.AbstractEvent;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.device.DeviceEvent;
import org.weft.net.link.LinkEvent;
import org.weft.time.TimeSource;

/**
 * A new topology snapshot was published. Carries the differences from the previous snapshot and the
 * device and link events that caused them (a batch may hold many).
 */
public final class TopologyEvent extends AbstractEvent<TopologyEvent.Type, TopologySnapshot> {

    /** What happened. */
    public enum Type {
        /** A new snapshot replaced the previous one. */
        TOPOLOGY_CHANGED
    }

    private final ImmutableSet<Dpid> addedSwitches;
    private final ImmutableSet<Dpid> removedSwitches;
    private final ImmutableSet<Link> addedLinks;
    private final ImmutableSet<Link> removedLinks;
    private final ImmutableSet<Link> updatedLinks;
    private final ImmutableList<AbstractEvent<?, ?>> reasons;

    /** An event stamped with the system's wall clock now. */
    public TopologyEvent(
            TopologySnapshot snapshot,
            Set<Dpid> addedSwitches,
            Set<Dpid> removedSwitches,
            Set<Link> addedLinks,
            Set<Link> removedLinks,
            Set<Link> updatedLinks,
            List<? extends AbstractEvent<?, ?>> reasons) {
        this(
                snapshot,
                addedSwitches,
                removedSwitches,
                addedLinks,
                removedLinks,
                updatedLinks,
                reasons,
                TimeSource.system().millis());
    }

    /** An event published at {@code timeMillis} (wall clock, from the publisher's time source). */
    public TopologyEvent(
            TopologySnapshot snapshot,
            Set<Dpid> addedSwitches,
            Set<Dpid> removedSwitches,
            Set<Link> addedLinks,
            Set<Link> removedLinks,
            Set<Link> updatedLinks,
            List<? extends AbstractEvent<?, ?>> reasons,
            long timeMillis) {
        super(Type.TOPOLOGY_CHANGED, snapshot, timeMillis);
        this.addedSwitches = ImmutableSet.copyOf(addedSwitches);
        this.removedSwitches = ImmutableSet.copyOf(removedSwitches);
        this.addedLinks = ImmutableSet.copyOf(addedLinks);
        this.removedLinks = ImmutableSet.copyOf(removedLinks);
        this.updatedLinks = ImmutableSet.copyOf(updatedLinks);
        this.reasons = ImmutableList.copyOf(reasons);
    }

    public TopologySnapshot snapshot() {
        return subject();
    }

    public ImmutableSet<Dpid> addedSwitches() {
        return addedSwitches;
    }

    public ImmutableSet<Dpid> removedSwitches() {
        return removedSwitches;
    }

    public ImmutableSet<Link> addedLinks() {
        return addedLinks;
    }

    public ImmutableSet<Link> removedLinks() {
        return removedLinks;
    }

    /** Links in both snapshots whose {@link LinkInfo} changed. */
    public ImmutableSet<Link> updatedLinks() {
        return updatedLinks;
    }

    /** The device and link events folded into this snapshot, in arrival order. */
    public ImmutableList<AbstractEvent<?, ?>> reasons() {
        return reasons;
    }

    @Override
    public String toString() {
        return "TopologyEvent{v"
                + subject().version()
                + " +sw"
                + addedSwitches.size()
                + " -sw"
                + removedSwitches.size()
                + " +l"
                + addedLinks.size()
                + " -l"
                + removedLinks.size()
                + " ~l"
                + updatedLinks.size()
                + " from "
                + reasons.size()
                + " events}";
    }

    /**
     * Whether a reason is a loss: a link removed, a switch gone, a port removed or down (what made
     * traffic stop, for when it was lost).
     */
    public static boolean isLoss(AbstractEvent<?, ?> reason) {
        if (reason instanceof LinkEvent le) {
            return le.type() == LinkEvent.Type.REMOVED;
        }
        if (reason instanceof DeviceEvent de) {
            return switch (de.type()) {
                case DEVICE_DISCONNECTED, PORT_REMOVED -> true;
                case PORT_UPDATED -> de.port().map(p -> !p.isLive()).orElse(false);
                default -> false;
            };
        }
        return false;
    }
}
