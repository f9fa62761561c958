package org.weft.rest;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.weft.net.Dpid;
import org.weft.net.flow.Group;
import org.weft.net.stats.FlowEntry;
import org.weft.net.stats.PortStatistics;
import org.weft.net.stats.StatsService;

/** Stats requests never answered: for routes that must not wait for a switch. */
final class SilentStats implements StatsService {
    @Override
    public CompletableFuture<List<FlowEntry>> getFlowEntries(Dpid dpid) {
        return new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<List<PortStatistics>> getPortStatistics(Dpid dpid) {
        return new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<List<Group>> getGroups(Dpid dpid) {
        return new CompletableFuture<>();
    }
}
