package org.weft.net.flow;

import static com.google.common.base.Preconditions.checkArgument;

/** Flow cookies: the high 16 bits carry the owning app's id, the low 48 bits are the app's own. */
public final class Cookies {

    /** App id of flows the driver installs itself (table-miss, LLDP capture). */
    public static final int CORE_APP = 1;

    private Cookies() {}

    public static long make(int appId, long value) {
        checkArgument(appId >= 0 && appId <= 0xffff, "app id %s out of range", appId);
        return ((long) appId << 48) | (value & 0xffffffffffffL);
    }

    public static int appId(long cookie) {
        return (int) (cookie >>> 48);
    }
}
