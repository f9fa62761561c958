package org.weft.net.host.impl;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Bounds on the hosts {@link HostTracker} keeps: a switch that sends packets from ever new source
 * MACs (spoofed, or a MAC flood) must not make host tracking (and the routes planned for every
 * host) grow without limit, nor take the table from the hosts of other switches.
 *
 * @param maxHosts hosts tracked at most, in all (default 100,000)
 * @param maxHostsPerSwitch hosts tracked at most on the edge ports of one switch (default 10,000)
 */
public record HostTableLimits(int maxHosts, int maxHostsPerSwitch) {

    public HostTableLimits {
        checkArgument(maxHosts >= 1, "hosts.maxHosts must be at least 1");
        checkArgument(maxHostsPerSwitch >= 1, "hosts.maxHostsPerSwitch must be at least 1");
    }

    public static HostTableLimits defaults() {
        return new HostTableLimits(100_000, 10_000);
    }
}
