package org.weft.intent;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.weft.net.Dpid;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.reconcile.PassReport;
import org.weft.net.reconcile.ReconcileService;
import org.weft.net.reconcile.ReconcileStats;
import org.weft.net.reconcile.SwitchEntries;
import org.weft.net.reconcile.SyncState;

/** Records the sources registered and the passes asked for; runs none. */
final class FakeReconciler implements ReconcileService {

    final List<IntentSource> sources = new CopyOnWriteArrayList<>();
    final List<Dpid> passes = new CopyOnWriteArrayList<>();

    @Override
    public void register(IntentSource source) {
        sources.add(source);
    }

    @Override
    public CompletableFuture<PassReport> reconcile(Dpid dpid) {
        passes.add(dpid);
        return new CompletableFuture<>();
    }

    @Override
    public SyncState state(Dpid dpid) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Set<Dpid> divergedSwitches() {
        return Set.of();
    }

    @Override
    public ReconcileStats stats() {
        throw new UnsupportedOperationException();
    }

    @Override
    public SwitchEntries intended(Dpid dpid) {
        return SwitchEntries.flows(
                sources.stream().flatMap(s -> s.intended(dpid).flows().stream()).toList());
    }

    @Override
    public Set<Integer> ownedApps() {
        return Set.of();
    }
}
