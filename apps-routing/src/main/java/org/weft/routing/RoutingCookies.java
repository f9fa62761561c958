package org.weft.routing;

import org.weft.net.flow.Cookies;

/**
 * Cookies of the routing app's flows: app id {@value #APP_ID}, then the kind of rule and its key.
 */
public final class RoutingCookies {

    public static final int APP_ID = Cookies.ROUTING_APP;

    /** Rules toward one host: the low bits hold the host's index. */
    static final long KIND_HOST = 1L << 40;

    /** Flooding rules along the spanning tree. */
    static final long KIND_FLOOD = 2L << 40;

    private RoutingCookies() {}

    public static long host(int hostIndex) {
        return Cookies.make(APP_ID, KIND_HOST | hostIndex);
    }

    public static long flood() {
        return Cookies.make(APP_ID, KIND_FLOOD);
    }
}
