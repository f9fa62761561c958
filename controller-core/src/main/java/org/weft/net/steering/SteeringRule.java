package org.weft.net.steering;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.weft.net.Dpid;

/**
 * A steering request Weft keeps, with how it stands now.
 *
 * @param id assigned by the steering service
 * @param request what was asked
 * @param state whether its flows are on the switches
 * @param detail why it is not installed (empty when installed)
 * @param currentPath the switches its flows use now (the computed path for avoid-links rules)
 */
public record SteeringRule(
        String id, SteeringRequest request, State state, String detail, List<Dpid> currentPath) {

    /** Where a rule stands. */
    public enum State {
        /** Its flows are on every switch of its path, confirmed by barrier or a reconcile pass. */
        INSTALLED,
        /** Its flows are planned and sent; not every switch has confirmed them yet. */
        PENDING,
        /** A switch of its path is not connected; its flows are installed when it returns. */
        SWITCH_DISCONNECTED,
        /** A host it needs (ipv4Dst, or ipv4Src for avoid-links) is not known yet. */
        WAITING_FOR_HOST,
        /** An explicit path lost a link or switch; its flows are removed until it comes back. */
        BROKEN,
        /** No path avoids the listed links now; its flows are removed until one exists. */
        NO_PATH,
        /**
         * A switch of the path rejected its flow or did not answer ({@code detail} says which and
         * why); the reconciler keeps trying.
         */
        FAILED
    }

    public SteeringRule {
        checkNotNull(id, "id");
        checkNotNull(request, "request");
        checkNotNull(state, "state");
        detail = detail == null ? "" : detail;
        currentPath = currentPath == null ? List.of() : ImmutableList.copyOf(currentPath);
    }
}
