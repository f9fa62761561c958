package org.weft.net.host.impl;

import java.util.Map;
import org.weft.net.host.HostId;

/**
 * Looks a {@link HostId}-keyed map up by the id's parts without building the id: a per-thread
 * mutable stand-in whose hash and equality toward a {@link HostId} are the id's ({@link
 * HostId#hashOf}, {@link HostId#is}). Only for reads of maps that call the probe's {@code equals}
 * (a {@link java.util.concurrent.ConcurrentHashMap} does); never stored.
 */
final class HostIdProbe {

    private static final ThreadLocal<HostIdProbe> PROBES =
            ThreadLocal.withInitial(HostIdProbe::new);

    private long mac;
    private int vlan;

    private HostIdProbe() {}

    /** The map's value for the host id of this MAC address's value and VLAN; null if none. */
    static <V> V get(Map<HostId, V> map, long mac, int vlan) {
        HostIdProbe p = PROBES.get();
        p.mac = mac;
        p.vlan = vlan;
        return map.get(p);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostId id && id.is(mac, vlan);
    }

    @Override
    public int hashCode() {
        return HostId.hashOf(mac, vlan);
    }
}
