package org.weft.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.weft.net.Dpid;
import org.weft.net.device.DeviceEvent;
import org.weft.net.device.DeviceListener;
import org.weft.net.device.DeviceService;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.PipelineService;
import org.weft.net.host.HostListener;
import org.weft.net.host.HostService;
import org.weft.net.link.LinkListener;
import org.weft.net.link.LinkService;
import org.weft.net.meter.MeterService;
import org.weft.net.policy.AclService;
import org.weft.net.policy.RateLimitService;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.reconcile.ReconcileService;
import org.weft.net.reconcile.SwitchEntries;
import org.weft.net.stats.StatsService;
import org.weft.store.IntentStore;
import org.weft.util.BoundedExecutor;

/**
 * The policy stage's apps: the ACL firewall and rate limits, one intent source (cookie app {@link
 * Cookies#POLICY_APP}) for the reconciler, and one thread for every change. ACL entries are
 * compiled again when links change (the bypass of inter-switch ports), rate limits placed again
 * when hosts move.
 *
 * <p>The thread's queue is bounded ({@link #MAX_QUEUED}): work offered while it is full is dropped
 * and counted ({@link #workDropped()}). Host changes fold into one queued re-placement and a store
 * change is one reload per kind, so only a flood of REST writes or reconnecting switches comes near
 * it. A dropped write fails its request; a dropped reload or re-placement is repaired by the next
 * store change or host event; a dropped reconnection leaves the switch's meters to its next one.
 */
public final class PolicyApp implements AutoCloseable {

    /** Most pieces of work waiting for the policy thread. */
    static final int MAX_QUEUED = 10_000;

    private final PolicyContext ctx;
    private final BoundedExecutor thread;
    private final AclApp acls;
    private final RateLimitApp rateLimits;
    private final RateLimitReload rateLimitReload;
    private final LinkListener linkListener;
    private final HostListener hostListener;
    private final DeviceListener deviceListener;

    public PolicyApp(
            DeviceService devices,
            LinkService links,
            HostService hosts,
            PipelineService pipelines,
            MeterService meters,
            StatsService stats,
            IntentStore store) {
        this(devices, links, hosts, pipelines, meters, stats, store, MAX_QUEUED);
    }

    PolicyApp(
            DeviceService devices,
            LinkService links,
            HostService hosts,
            PipelineService pipelines,
            MeterService meters,
            StatsService stats,
            IntentStore store,
            int maxQueued) {
        this.thread = new BoundedExecutor("weft-policy", maxQueued);
        this.ctx =
                new PolicyContext(
                        devices,
                        links,
                        hosts,
                        pipelines,
                        meters,
                        stats,
                        new PolicyStore(store),
                        thread);
        this.acls = new AclApp(ctx);
        this.rateLimits = new RateLimitApp(ctx);
        this.rateLimitReload = new RateLimitReload(ctx, rateLimits);
        this.linkListener =
                e -> {
                    if (!acls.isEmpty()) {
                        ctx.reconcileAll();
                    }
                };
        this.hostListener = e -> rateLimits.hostsChanged();
        this.deviceListener = this::onDevice;
        // In a cluster, what other instances add or remove is applied here too.
        store.watch(
                kind -> {
                    if (PolicyStore.ACL_KIND.equals(kind)) {
                        acls.reload();
                    } else if (PolicyStore.RATE_LIMIT_KIND.equals(kind)) {
                        rateLimitReload.reload();
                    }
                });
    }

    /** Listens to links, hosts and switches; changes go to the switches through {@code r}. */
    public PolicyApp start(ReconcileService r) {
        ctx.reconcileWith(r);
        ctx.links.addListener(linkListener);
        ctx.hosts.addListener(hostListener);
        ctx.devices.addListener(deviceListener);
        return this;
    }

    private void onDevice(DeviceEvent e) {
        if (e.type() == DeviceEvent.Type.DEVICE_CONNECTED) {
            rateLimits.switchConnected(e.subject().dpid());
        }
    }

    public AclService acls() {
        return acls;
    }

    public RateLimitService rateLimits() {
        return rateLimits;
    }

    /** Pieces of work dropped since start because {@link #MAX_QUEUED} were waiting already. */
    public long workDropped() {
        return thread.rejected();
    }

    /** The policy entries as the reconciler's intent. */
    public IntentSource intentSource() {
        return new IntentSource() {
            @Override
            public String name() {
                return "policy";
            }

            @Override
            public int appId() {
                return Cookies.POLICY_APP;
            }

            @Override
            public SwitchEntries intended(Dpid dpid) {
                if (!ctx.hasPolicyStage(dpid)) {
                    return SwitchEntries.EMPTY;
                }
                List<FlowRule> flows = new ArrayList<>(acls.entries(dpid));
                flows.addAll(rateLimits.entries(dpid));
                return SwitchEntries.flows(flows);
            }
        };
    }

    @Override
    public void close() {
        ctx.links.removeListener(linkListener);
        ctx.hosts.removeListener(hostListener);
        ctx.devices.removeListener(deviceListener);
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
