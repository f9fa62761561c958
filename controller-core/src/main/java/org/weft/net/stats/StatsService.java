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

    /** Counters of every port. */
    CompletableFuture<List<PortStatistics>> getPortStatistics(Dpid dpid);

    /** The groups on the switch (empty on OpenFlow 1.0, which has none). */
    CompletableFuture<List<Group>> getGroups(Dpid dpid);
}
