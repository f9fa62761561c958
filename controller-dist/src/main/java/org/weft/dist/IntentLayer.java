package org.weft.dist;

import java.nio.file.Path;
import java.time.Duration;
import org.weft.intent.StaticFlowManager;
import org.weft.intent.StoredLinkCapacities;
import org.weft.intent.StoredLinkWeights;
import org.weft.intent.StoredSteeringRules;
import org.weft.net.link.LinkAdminService;
import org.weft.net.reconcile.ReconcileService;
import org.weft.openflow.OfController;
import org.weft.store.IntentStore;
import org.weft.store.impl.FileIntentStore;

/**
 * The intent layer of this configuration over one intent store ({@code <dataDir>/intents},
 * quarantine in {@code <dataDir>/quarantine}): static flows, link weights and capacities, and the
 * steering app's rule storage.
 */
final class IntentLayer {

    private final IntentStore store;
    final StoredSteeringRules steeringRules;
    private StaticFlowManager staticFlows;
    private StoredLinkWeights linkWeights;
    private StoredLinkCapacities linkCapacities;

    private IntentLayer(IntentStore store) {
        this.store = store;
        this.steeringRules = new StoredSteeringRules(store);
    }

    /** The store of this configuration, and the steering rules' storage over it. */
    static IntentLayer open(WeftConfig config) {
        Path data = Path.of(config.dataDir);
        return new IntentLayer(
                new FileIntentStore(data.resolve("intents"), data.resolve("quarantine")));
    }

    /** Intent in the given store (a cluster's ZooKeeper) instead of {@code dataDir}. */
    static IntentLayer open(IntentStore store) {
        return new IntentLayer(store);
    }

    /**
     * Loads the static flows (registering them with the reconciler, which must be started after
     * this) and the link weights and capacities (applying them to the link service).
     */
    void load(
            WeftConfig config,
            OfController of,
            LinkAdminService linkAdmin,
            ReconcileService reconciler) {
        staticFlows =
                new StaticFlowManager(
                        of.deviceService(),
                        of.flowRuleService(),
                        store,
                        Duration.ofMillis(config.openflow.requestTimeoutMs),
                        reconciler);
        linkWeights = new StoredLinkWeights(linkAdmin, store);
        linkCapacities = new StoredLinkCapacities(linkAdmin, store);
    }

    /** The store itself, for apps that keep their intent in it (the policy app). */
    IntentStore store() {
        return store;
    }

    StaticFlowManager staticFlows() {
        return staticFlows;
    }

    StoredLinkWeights linkWeights() {
        return linkWeights;
    }

    StoredLinkCapacities linkCapacities() {
        return linkCapacities;
    }
}
