package org.weft.openflow.provider;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortStatsEntry;
import org.projectfloodlight.openflow.protocol.OFPortStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.Group;
import org.weft.net.stats.FlowEntry;
import org.weft.net.stats.PortStatistics;
import org.weft.net.stats.StatsService;
import org.weft.openflow.channel.OfSwitch;
import org.weft.openflow.channel.OfSwitchRegistry;
import org.weft.openflow.translate.OfFlowEntries;
import org.weft.openflow.translate.OfPorts;

/**
 * {@link StatsService} through multipart (stats) requests. The replies are turned into core values
 * on {@code translating}, off the switch's I/O thread: a flow table of thousands of entries would
 * otherwise delay the packet-ins read behind it on that thread.
 */
public final class OfStatsManager implements StatsService {

    private final OfSwitchRegistry switches;
    private final Executor translating;

    /** Replies translated on the I/O thread that read them (tests, the warm-up). */
    public OfStatsManager(OfSwitchRegistry switches) {
        this(switches, Runnable::run);
    }

    /**
     * @param translating where replies become core values (and where the futures complete); a
     *     rejected translation fails its future
     */
    public OfStatsManager(OfSwitchRegistry switches, Executor translating) {
        this.switches = switches;
        this.translating = translating;
    }

    @Override
    public CompletableFuture<List<FlowEntry>> getFlowEntries(Dpid dpid) {
        return flowEntries(dpid, -1);
    }

    @Override
    public CompletableFuture<List<FlowEntry>> getFlowEntries(Dpid dpid, int appId) {
        return flowEntries(dpid, appId);
    }

    /** Every entry, or (appId >= 0) one app's: filtered by the switch on 1.3, here on 1.0. */
    private CompletableFuture<List<FlowEntry>> flowEntries(Dpid dpid, int appId) {
        boolean policy = switches.get(dpid).map(OfSwitch::policyStage).orElse(false);
        return ask(
                dpid,
                f ->
                        xid -> {
                            var b =
                                    f.buildFlowStatsRequest()
                                            .setXid(xid)
                                            .setMatch(f.matchWildcardAll())
                                            .setTableId(TableId.ALL)
                                            .setOutPort(OFPort.ANY);
                            if (f.getVersion() != OFVersion.OF_10) {
                                b.setOutGroup(OFGroup.ANY);
                                if (appId >= 0) {
                                    b.setCookie(U64.of(Cookies.make(appId, 0)))
                                            .setCookieMask(U64.of(Cookies.make(0xffff, 0)));
                                }
                            }
                            return b.build();
                        },
                parts ->
                        parts.stream()
                                .map(p -> (OFFlowStatsReply) p)
                                .flatMap(r -> r.getEntries().stream())
                                // Filtered before translation: on 1.0 each app's pass reads the
                                // whole table, and translating the other apps' entries is waste.
                                .filter(
                                        e ->
                                                appId < 0
                                                        || Cookies.appId(e.getCookie().getValue())
                                                                == appId)
                                .map(e -> OfFlowEntries.toEntry(dpid, policy, e))
                                .toList());
    }

    @Override
    public CompletableFuture<List<PortStatistics>> getPortStatistics(Dpid dpid) {
        return ask(
                dpid,
                f -> xid -> f.buildPortStatsRequest().setXid(xid).setPortNo(OFPort.ANY).build(),
                parts ->
                        parts.stream()
                                .map(p -> (OFPortStatsReply) p)
                                .flatMap(r -> r.getEntries().stream())
                                .map(OfStatsManager::toCore)
                                .toList());
    }

    @Override
    public CompletableFuture<List<Group>> getGroups(Dpid dpid) {
        Optional<OfSwitch> sw = switches.get(dpid);
        if (sw.isPresent() && sw.get().version() == OFVersion.OF_10) {
            return CompletableFuture.completedFuture(List.of());
        }
        return ask(
                dpid,
                f -> xid -> f.buildGroupDescStatsRequest().setXid(xid).build(),
                parts ->
                        parts.stream()
                                .map(p -> (OFGroupDescStatsReply) p)
                                .flatMap(r -> r.getEntries().stream())
                                .map(e -> OfFlowEntries.toGroup(dpid, e))
                                .toList());
    }

    private <T> CompletableFuture<List<T>> ask(
            Dpid dpid,
            Function<OFFactory, LongFunction<OFMessage>> request,
            Function<List<OFStatsReply>, List<T>> decode) {
        Optional<OfSwitch> sw = switches.get(dpid);
        if (sw.isEmpty()) {
            return CompletableFuture.failedFuture(new DeviceNotConnectedException(dpid));
        }
        return sw.get()
                .requestMultipart(request.apply(sw.get().factory()))
                .thenApplyAsync(decode, translating);
    }

    private static PortStatistics toCore(OFPortStatsEntry e) {
        return new PortStatistics(
                OfPorts.toCore(e.getPortNo()),
                e.getRxPackets().getValue(),
                e.getTxPackets().getValue(),
                e.getRxBytes().getValue(),
                e.getTxBytes().getValue(),
                e.getRxDropped().getValue(),
                e.getTxDropped().getValue(),
                e.getRxErrors().getValue(),
                e.getTxErrors().getValue());
    }
}
