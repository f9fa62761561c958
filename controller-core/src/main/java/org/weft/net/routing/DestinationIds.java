package org.weft.net.routing;

import org.weft.net.host.HostId;

/**
 * Numbers for routed destinations. A destination's number names its group and is part of its flows'
 * cookies on every switch. In a cluster every instance must give a host the same number: then a
 * switch's new master finds the old master's entries under the cookies and group ids it would have
 * chosen itself, and its reconcile pass changes nothing (no packet is lost while mastership moves).
 * Called from the routing thread only.
 */
public interface DestinationIds {

    /** Numbers are below this (group ids are the number + 1, well below OpenFlow's reserved). */
    int LIMIT = 1 << 24;

    /** The host's number, in {@code [0, LIMIT)}, given out when it has none yet. */
    int idOf(HostId host);

    /** The host is no longer routed here: its number may be given to another host later. */
    void release(HostId host);
}
