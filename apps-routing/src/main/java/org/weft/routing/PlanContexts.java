package org.weft.routing;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceService;
import org.weft.net.device.Port;
import org.weft.net.routing.RoutingMetric;
import org.weft.net.routing.plan.BackupChooser;
import org.weft.net.topology.LinkInfo;
import org.weft.net.topology.TopologySnapshot;

/**
 * Hands out the planning context for the current snapshot, metric and switches, reusing the last
 * one (with its cached next hops and distances) while none of them changed, so a burst of host
 * events plans over one context. The routing app's thread only, except {@link #devicesChanged()}.
 */
final class PlanContexts {

    private final DeviceService devices;
    private final BackupChooser protection;
    private PlanContext last;
    private RoutingMetric lastMetric;

    /** A newer snapshot found to plan the same as {@code last}'s under hop count. */
    private TopologySnapshot samePlanAsLast;

    /** What the planners need of every switch, as of the last device event seen. */
    private Map<Dpid, SwitchInfo> infos;

    /** Set by any thread when a switch, port or its state changed. */
    private volatile boolean devicesChanged = true;

    /**
     * @param protection the failover app's backup chooser; null for no local protection
     */
    /** Group ids for every context (see {@link SharedGroups}). */
    private final SharedGroups sharedGroups = new SharedGroups();

    PlanContexts(DeviceService devices, BackupChooser protection) {
        this.devices = devices;
        this.protection = protection;
    }

    /** A switch, a port or its state changed: the next context reads the switches again. */
    void devicesChanged() {
        devicesChanged = true;
    }

    PlanContext current(TopologySnapshot snap, RoutingMetric m) {
        Map<Dpid, SwitchInfo> infos = switchInfos();
        PlanContext c = last;
        // Under HOP_COUNT, a snapshot that only changed link attributes other than the measured
        // load plans the same routes (the load weighs select groups' buckets).
        boolean sameTopology =
                c != null
                        && (c.topology() == snap
                                || (m == RoutingMetric.HOP_COUNT
                                        && (snap == samePlanAsLast
                                                || (c.topology().sameShapeAs(snap)
                                                        && sameLoad(c.topology(), snap)))));
        if (sameTopology && c.topology() != snap) {
            samePlanAsLast = snap;
        }
        if (!sameTopology || lastMetric != m || !c.switches().equals(infos)) {
            c = new PlanContext(snap, m.weigher(), infos, protection, sharedGroups);
            if (last != null) {
                c.shareBucketsWith(last);
                last.forgetDeltas();
            }
            last = c;
            lastMetric = m;
            samePlanAsLast = null;
        }
        return c;
    }

    /**
     * Whether the links carry the same measured load. Called only for snapshots of the same shape,
     * whose links are the same and in the same (sorted) order: compared pairwise, without a lookup
     * per link.
     */
    private static boolean sameLoad(TopologySnapshot a, TopologySnapshot b) {
        var before = a.linkInfos().values().iterator();
        for (LinkInfo now : b.linkInfos().values()) {
            if (!before.hasNext() || before.next().utilisation() != now.utilisation()) {
                return false;
            }
        }
        return !before.hasNext();
    }

    /**
     * What the planners need of every connected switch: read again only after {@link
     * #devicesChanged()} (980 switches with their ports cost more than planning a destination).
     */
    Map<Dpid, SwitchInfo> switchInfos() {
        if (devicesChanged || infos == null) {
            devicesChanged = false; // before reading: a change meanwhile marks it again
            Map<Dpid, SwitchInfo> m = new HashMap<>();
            for (Device d : devices.getDevices()) {
                m.put(d.dpid(), switchInfo(d));
            }
            infos = m;
        }
        return infos;
    }

    static SwitchInfo switchInfo(Device d) {
        Set<PortNumber> live = new TreeSet<>();
        for (Port p : d.portList()) {
            if (p.isLive() && !p.number().isReserved()) {
                live.add(p.number());
            }
        }
        return SwitchInfo.of(!"OF_10".equals(d.protocol()), live);
    }
}
