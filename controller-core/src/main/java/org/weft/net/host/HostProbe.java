package org.weft.net.host;

import org.weft.net.Ip4Address;
import org.weft.net.MacAddress;
import org.weft.net.packet.parse.Arp;
import org.weft.net.packet.parse.Ethernet;

/**
 * ARP probes the controller sends to find a host it has not learned (RFC 5227 style: sender IP
 * 0.0.0.0, so no host caches the probe's addresses). The host answers to {@link #MAC}, an address
 * no switch has a route for, so the answer comes to the controller from the host's own edge port
 * and the host is learned there.
 *
 * <p>Probing matters after a controller restart: switches keep routes toward the hosts they know
 * and the restarted controller removes those it does not know, but a host whose traffic only goes
 * to known destinations never sends a packet-in; traffic toward it is flooded and its replies match
 * existing routes. The probe makes it speak up.
 */
public final class HostProbe {

    /** Source of every probe (a locally administered unicast address). */
    public static final MacAddress MAC = MacAddress.of(0x020077656674L);

    private HostProbe() {}

    /** A broadcast ARP request for {@code target} from {@link #MAC}, tagged when vlan is set. */
    public static byte[] arpRequest(Ip4Address target, int vlan) {
        Arp probe = new Arp(Arp.REQUEST, MAC, Ip4Address.of(0), MacAddress.of(0), target);
        return Ethernet.build(MacAddress.BROADCAST, MAC, vlan, Ethernet.TYPE_ARP, probe.toBytes());
    }
}
