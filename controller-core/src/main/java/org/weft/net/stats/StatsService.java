package org.weft.net.stats;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.weft.net.Dpid;
import org.weft.net.flow.Group;

/**
 * Asks switches what they hold now. Each call is a request to the switch; answers fail with {@link
 * org.weft.net.DeviceNotConnectedException} when it is not connected.
 */
public interface StatsService {

    /** Every flow entry of every table, with counters. */
    CompletableFuture<List<FlowEntry>> getFlowEntries(Dpid dpid);

    /**
     * The flow entries of one app (cookie app id, see {@link org.weft.net.flow.Cookies}): on
     * OpenFlow 1.3 the switch filters by cookie mask, so only that app's entries cross the wire.
     */
    default CompletableFuture<List<FlowEntry>> getFlowEntries(Dpid dpid, int appId) {
        return getFlowEntries(dpid)
                .thenApply(all -> all.stream().filter(e -> e.appId() == appId).toList());
    }

    /** Counters of every port. */
    CompletableFuture<List<PortStatistics>> getPortStatistics(Dpid dpid);

    /** The groups on the switch (empty on OpenFlow 1.0, which has none). */
    CompletableFuture<List<Group>> getGroups(Dpid dpid);
}
