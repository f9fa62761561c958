package org.weft.policy;

import org.weft.net.flow.Cookies;

/**
 * The policy app's cookie values: bits 40..47 say what an entry is for (an ACL rule, a rate limit,
 * the bypass of inter-switch ports), the low 40 bits carry the rule's number in the intent store.
 */
final class PolicyCookies {

    static final long ACL = 1;
    static final long RATE_LIMIT = 2;
    static final long BYPASS = 3;

    private static final long NUMBER_MASK = (1L << 40) - 1;

    private PolicyCookies() {}

    static long of(long kind, long number) {
        return Cookies.make(Cookies.POLICY_APP, (kind << 40) | (number & NUMBER_MASK));
    }

    static long kind(long cookie) {
        return (cookie >>> 40) & 0xff;
    }

    static long number(long cookie) {
        return cookie & NUMBER_MASK;
    }
}
