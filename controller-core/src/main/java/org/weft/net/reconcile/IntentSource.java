package org.weft.net.reconcile;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.weft.net.Dpid;
import org.weft.net.SwitchErrorException;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.Group;

/**
 * An app's intent as the reconciler sees it: the cookie space it owns (flows whose cookie carries
 * {@link #appId()}), the groups it owns, and what it wants on each switch now. The reconciler
 * removes the app's entries a switch holds but the app does not want, adds the missing ones and
 * replaces the changed ones. Entries with a timeout are expected to expire: one that is missing is
 * not added again.
 */
public interface IntentSource {

    /** Short name for logs and REST ("routing", "static"). */
    String name();

    /** The cookie app id of this app's flows. */
    int appId();

    /** Whether a group id is this app's (groups carry no cookie). */
    default boolean ownsGroup(int groupId) {
        return false;
    }

    /** Whether this app has groups at all (the reconciler reads group stats only then). */
    default boolean hasGroups() {
        return false;
    }

    /**
     * Whether the app builds its intent from what the network tells it after a start (hosts it
     * hears from, links it discovers), so that right after a start it may not intend yet what it
     * will intend once it has heard from the whole fabric. While the fabric is still connecting
     * after Weft started ({@code reconcile.settleQuietMs}), the reconciler holds back removing such
     * an app's entries that it does not intend (yet); adds and replacements go out at once, and
     * once the fabric has settled its entries are reconciled as every app's. Default: false (intent
     * that is complete at start, as stored operator intent is).
     */
    default boolean learnsIntentAfterStart() {
        return false;
    }

    /**
     * Called once when the app is registered: how it asks for a pass of a switch (one more pass is
     * queued as by {@link ReconcileService#reconcile}), e.g. when it gave a group the switch held
     * for entries the app did not know (the pass removes what still forwards into it).
     */
    default void passOnRequest(java.util.function.Consumer<Dpid> requestPass) {}

    /**
     * Whether the app is changing switches now (changes handed to switches and not yet confirmed):
     * periodic passes are then put off until it is done, at most one interval ({@code
     * reconcile.intervalS}), so audits do not read and compare tables a large update (a fabric's
     * routes being installed) is still filling. Passes on connect, after a failure, or asked for
     * are never put off. Must be cheap and must not block. Default: false.
     */
    default boolean changingSwitches() {
        return false;
    }

    /** What the app wants on the switch now. Must be cheap and must not block. */
    SwitchEntries intended(Dpid dpid);

    /**
     * Runs one reconcile pass of a switch in order with the app's own writes to it: the pass reads
     * the switch once for every app, then diffs and writes each app's part, all inside {@code
     * pass}, which runs inside every registered app's ordering. The default runs it at once, for
     * apps whose writes are idempotent adds and removes of single entries.
     */
    default <T> CompletableFuture<T> exclusive(Dpid dpid, Supplier<CompletableFuture<T>> pass) {
        return pass.get();
    }

    /**
     * Told, inside {@link #exclusive}, which of the app's groups the switch holds after a pass (so
     * an app that keeps a shadow of them can rebuild it).
     */
    default void groupsAfterPass(Dpid dpid, List<Group> groups) {}

    /**
     * Told, inside {@link #exclusive}, that a pass left the app's entries on the switch equal to
     * {@code intended}: what it found equal, or made equal with every operation confirmed.
     */
    default void inSync(Dpid dpid, SwitchEntries intended) {}

    /**
     * Told, inside {@link #exclusive}, that the switch rejected one of the flow operations a pass
     * sent to converge the app's entries (the pass then does not call {@link #inSync}).
     */
    default void rejected(Dpid dpid, FlowRuleOperation operation, SwitchErrorException error) {}
}
