package org.weft.net.intent;

import java.util.List;
import java.util.Optional;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowRule;

/**
 * Static flows: operator intent, recorded durably before it is sent, acknowledged once the switch's
 * barrier confirmed it and converged by the reconciler after that. Ids are never reused; the low 48
 * bits of a static flow's cookie are its id, the high 16 bits {@link #APP_ID}.
 */
public interface StaticFlowService {

    /** App id in the cookie of static flows. */
    int APP_ID = Cookies.STATIC_FLOW_APP;

    /** Every static flow, by id. */
    List<StaticFlow> list();

    /** The flow with this id; empty also when the text is not a static flow id. */
    Optional<StaticFlow> get(String id);

    /** The id of the static flow a cookie belongs to, if it is one. */
    Optional<Long> idOfCookie(long cookie);

    /** Static flows kept now. */
    int size();

    /**
     * Checks the rule against its switch, gives it an id, records it, sends it and waits for its
     * barrier, at most the request timeout ({@code openflow.requestTimeoutMs}). The rule's cookie
     * is replaced by the flow's. Blocks: never call it on an I/O thread.
     *
     * @param waits takes a place before the service waits for the switch (after the checks)
     * @return the flow, confirmed by its switch; in a cluster, when another instance masters the
     *     switch, the recorded flow {@link StaticFlowState#PENDING} (nothing sent: the master
     *     installs it)
     * @throws StaticFlowException INVALID, SWITCH_NOT_CONNECTED, NO_SUCH_PORT or DUPLICATE before
     *     anything is recorded or sent; REJECTED, TIMEOUT, SWITCH_NOT_CONNECTED, UNSUPPORTED,
     *     FAILED, INTERRUPTED or DELETED once the flow was sent and forgotten again (the message
     *     says "not kept"); STORE_FAILED when it could not be recorded (nothing sent), or could not
     *     be forgotten (it stays recorded and reconciliation installs it)
     */
    StaticFlow add(FlowRule rule, SwitchWaits waits);

    /**
     * Deletes a static flow: recorded first, then removed from its switch when it is connected
     * (when it is not, the reconciler removes it once the switch connects; no place is taken; in a
     * cluster, when another instance masters the switch, that master removes it). Blocks at most
     * the request timeout.
     *
     * @throws StaticFlowException NOT_FOUND; STORE_FAILED when the deletion could not be recorded;
     *     NOT_REMOVED when it is recorded but the switch did not confirm the removal (the cause
     *     says why; reconciliation removes the flow)
     */
    void remove(String id, SwitchWaits waits);
}
