package org.weft.net.host.impl;

import java.util.concurrent.atomic.AtomicReference;
import org.weft.net.Ip4Address;
import org.weft.net.IpAddress;
import org.weft.net.host.Host;

/**
 * One host's place in the tracker's table; null inside means removed (then dropped from it).
 *
 * <p>It also remembers the value of an IPv4 address the host is known by ({@link #knowsIp4}), so
 * that a packet-in from a known host can be told to teach nothing new without an address object. A
 * host's addresses only grow while its slot lives (a move or an update keeps them), so an address
 * once known stays known.
 */
final class HostSlot extends AtomicReference<Host> {

    /** An IPv4 address of the host (0: none yet; 0.0.0.0 is never learned). */
    private volatile int knownIp4;

    HostSlot(Host h) {
        super(h);
        for (IpAddress ip : h.ips()) {
            remember(ip);
        }
    }

    /** Notes that the host is known by this address (once it is among the host's addresses). */
    void remember(IpAddress ip) {
        if (ip instanceof Ip4Address a) {
            knownIp4 = a.value();
        }
    }

    /** Whether the host is known by the IPv4 address of this value (false for 0). */
    boolean knowsIp4(int value) {
        return value != 0 && value == knownIp4;
    }
}
