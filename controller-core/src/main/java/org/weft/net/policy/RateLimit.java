package org.weft.net.policy;

import org.weft.net.Ip4Address;
import org.weft.net.MacAddress;

/**
 * A cap on what one host sends: a meter with a drop band on the host's ingress switch, applied to
 * the host's traffic ({@code match} narrows it to a 5-tuple; its inPort/ethSrc are the host's).
 *
 * @param hostMac the host by MAC, or null when {@code hostIp} names it
 * @param hostIp the host by IPv4 address, or null
 * @param rateKbps 1..100 000 000 kbit/s
 * @param burstKb 0 (the switch's default) .. 100 000 000 kbit
 */
public record RateLimit(
        String id,
        MacAddress hostMac,
        Ip4Address hostIp,
        PolicyMatch match,
        long rateKbps,
        long burstKb) {

    public static final long MAX_KBPS = 100_000_000L;

    public RateLimit {
        AclRule.checkId(id);
        if ((hostMac == null) == (hostIp == null)) {
            throw PolicyException.invalid("name the host by exactly one of hostMac or hostIp");
        }
        if (match == null) {
            match = PolicyMatch.ANY;
        }
        if (match.inPort() != null || match.ethSrc() != null) {
            throw PolicyException.invalid("inPort and ethSrc come from the host's attachment");
        }
        if (rateKbps < 1 || rateKbps > MAX_KBPS) {
            throw PolicyException.invalid("rateKbps " + rateKbps + " out of range 1.." + MAX_KBPS);
        }
        if (burstKb < 0 || burstKb > MAX_KBPS) {
            throw PolicyException.invalid("burstKb " + burstKb + " out of range 0.." + MAX_KBPS);
        }
    }
}
