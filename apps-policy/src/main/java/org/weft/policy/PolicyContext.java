package org.weft.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.PortNumber;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceService;
import org.weft.net.flow.PipelineService;
import org.weft.net.host.HostService;
import org.weft.net.link.LinkService;
import org.weft.net.meter.MeterService;
import org.weft.net.reconcile.ReconcileService;
import org.weft.net.stats.StatsService;
import org.weft.util.BoundedExecutor;

/**
 * What the policy apps share: the core services they read, the store, the app thread every change
 * runs on, and the reconciler that puts their entries on the switches.
 */
final class PolicyContext {

    final DeviceService devices;
    final LinkService links;
    final HostService hosts;
    final PipelineService pipelines;
    final MeterService meters;
    final StatsService stats;
    final PolicyStore store;
    final BoundedExecutor thread;
    private volatile ReconcileService reconciler;

    PolicyContext(
            DeviceService devices,
            LinkService links,
            HostService hosts,
            PipelineService pipelines,
            MeterService meters,
            StatsService stats,
            PolicyStore store,
            BoundedExecutor thread) {
        this.devices = devices;
        this.links = links;
        this.hosts = hosts;
        this.pipelines = pipelines;
        this.meters = meters;
        this.stats = stats;
        this.store = store;
        this.thread = thread;
    }

    void reconcileWith(ReconcileService r) {
        reconciler = r;
    }

    boolean hasPolicyStage(Dpid dpid) {
        return pipelines.pipeline(dpid).map(PipelineService.Pipeline::policyStage).orElse(false);
    }

    /** Connected switches, in dpid order. */
    List<Dpid> connected() {
        List<Dpid> out = new ArrayList<>();
        for (Device d : devices.getDevices()) {
            out.add(d.dpid());
        }
        out.sort(null);
        return out;
    }

    /** The switch's ports with a link to another switch. */
    Set<PortNumber> linkPorts(Dpid dpid) {
        Set<PortNumber> out = new TreeSet<>();
        for (Link l : links.getLinks().keySet()) {
            if (l.src().dpid().equals(dpid)) {
                out.add(l.src().port());
            }
            if (l.dst().dpid().equals(dpid)) {
                out.add(l.dst().port());
            }
        }
        return out;
    }

    /** A reconcile pass of the switch (when it has a policy stage); done when it ended. */
    CompletableFuture<Void> reconcile(Dpid dpid) {
        ReconcileService r = reconciler;
        if (r == null || !hasPolicyStage(dpid)) {
            return CompletableFuture.completedFuture(null);
        }
        return r.reconcile(dpid).handle((report, e) -> null);
    }

    /** A pass of every connected switch with a policy stage. */
    CompletableFuture<Void> reconcileAll() {
        List<CompletableFuture<Void>> passes = new ArrayList<>();
        for (Dpid d : connected()) {
            passes.add(reconcile(d));
        }
        return CompletableFuture.allOf(passes.toArray(CompletableFuture[]::new));
    }

    /**
     * Runs a change on the policy thread; a failure (the store unreadable) is logged, and the next
     * change of the store tries again. A change offered while the thread's queue is full is dropped
     * and counted; the next change of the store reads everything again.
     */
    void runLogged(String what, Runnable change) {
        thread.tryExecute(
                () -> {
                    try {
                        change.run();
                    } catch (RuntimeException e) {
                        LoggerFactory.getLogger(PolicyContext.class)
                                .error("{} failed; the next change of the store retries", what, e);
                    }
                });
    }
}
