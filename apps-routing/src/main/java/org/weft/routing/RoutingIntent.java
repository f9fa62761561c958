package org.weft.routing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.weft.net.Dpid;
import org.weft.net.flow.Group;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.reconcile.SwitchEntries;

/**
 * The routing app's intent for the reconciler: host routes, flooding and protection groups (cookie
 * app {@link RoutingCookies#APP_ID}; every group on a switch is routing's). A pass runs in the
 * switch's writer lane, so it never sees a switch half-way through a routing batch.
 */
final class RoutingIntent implements IntentSource {

    private final RouteProgrammer programmer;

    RoutingIntent(RouteProgrammer programmer) {
        this.programmer = programmer;
    }

    /** Routing has route changes handed to switches and not yet confirmed. */
    @Override
    public boolean changingSwitches() {
        return !programmer.isIdle();
    }

    @Override
    public String name() {
        return "routing";
    }

    @Override
    public int appId() {
        return RoutingCookies.APP_ID;
    }

    @Override
    public boolean hasGroups() {
        return true;
    }

    @Override
    public boolean ownsGroup(int groupId) {
        return true;
    }

    /**
     * Routes exist only toward hosts this instance has heard from, and the flood tree only over the
     * links it discovered: after a restart the switches' routes toward hosts not heard from yet are
     * kept until the fabric has settled.
     */
    @Override
    public boolean learnsIntentAfterStart() {
        return true;
    }

    @Override
    public SwitchEntries intended(Dpid dpid) {
        return programmer.intended(dpid);
    }

    @Override
    public <T> CompletableFuture<T> exclusive(Dpid dpid, Supplier<CompletableFuture<T>> pass) {
        return programmer.exclusive(dpid, pass);
    }

    /**
     * A group routing writes that the switch held for entries routing did not know (kept while the
     * fabric settles after a restart) asks for a pass of the switch, which removes the rules that
     * still forward into it.
     */
    @Override
    public void passOnRequest(java.util.function.Consumer<Dpid> requestPass) {
        programmer.onLeftoverGroupTaken(requestPass);
    }

    @Override
    public void groupsAfterPass(Dpid dpid, List<Group> groups) {
        programmer.groupsAre(dpid, groups);
    }
}
