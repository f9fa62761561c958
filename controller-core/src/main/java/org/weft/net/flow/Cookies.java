package org.weft.net.flow;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Map;

/** Flow cookies: the high 16 bits carry the owning app's id, the low 48 bits are the app's own. */
public final class Cookies {

    /** App id of flows the driver installs itself (table-miss, LLDP capture). */
    public static final int CORE_APP = 1;

    /** App id of the routing app's flows (host routes, flooding). */
    public static final int ROUTING_APP = 2;

    /** App id of steering rules (pinned paths, avoided links). */
    public static final int STEERING_APP = 3;

    /** App id of the policy stage's entries (ACL rules, rate limits, the stage's miss entry). */
    public static final int POLICY_APP = 4;

    /** App id of operators' static flows (REST {@code /flows}). */
    public static final int STATIC_FLOW_APP = 0x10;

    /** Every app id Weft assigns, with the name REST and logs show for it. */
    public static final Map<Integer, String> APP_NAMES =
            Map.of(
                    0,
                    "none",
                    CORE_APP,
                    "core",
                    ROUTING_APP,
                    "routing",
                    STEERING_APP,
                    "steering",
                    POLICY_APP,
                    "policy",
                    STATIC_FLOW_APP,
                    "static");

    private Cookies() {}

    public static long make(int appId, long value) {
        checkArgument(appId >= 0 && appId <= 0xffff, "app id %s out of range", appId);
        return ((long) appId << 48) | (value & 0xffffffffffffL);
    }

    public static int appId(long cookie) {
        return (int) (cookie >>> 48);
    }
}
