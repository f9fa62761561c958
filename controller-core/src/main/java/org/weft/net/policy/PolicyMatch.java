package org.weft.net.policy;

import org.weft.net.Ip4Prefix;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowMatch;

/**
 * What a policy rule matches; null fields match anything. IPv4 fields imply IPv4, TCP ports imply
 * protocol 6 and UDP ports protocol 17.
 *
 * @throws PolicyException of kind INVALID when a value is out of range or fields contradict
 */
public record PolicyMatch(
        PortNumber inPort,
        MacAddress ethSrc,
        MacAddress ethDst,
        Ip4Prefix ipv4Src,
        Ip4Prefix ipv4Dst,
        Integer ipProto,
        Integer tcpSrc,
        Integer tcpDst,
        Integer udpSrc,
        Integer udpDst) {

    public static final PolicyMatch ANY =
            new PolicyMatch(null, null, null, null, null, null, null, null, null, null);

    public PolicyMatch {
        if (inPort != null && (inPort.value() < 1 || inPort.value() > PortNumber.MAX_PHYSICAL)) {
            throw PolicyException.invalid("inPort " + inPort + " is not a physical port");
        }
        if (ipProto != null && (ipProto < 0 || ipProto > 255)) {
            throw PolicyException.invalid("ipProto " + ipProto + " out of range 0..255");
        }
        checkPort("tcpSrc", tcpSrc);
        checkPort("tcpDst", tcpDst);
        checkPort("udpSrc", udpSrc);
        checkPort("udpDst", udpDst);
        boolean tcp = tcpSrc != null || tcpDst != null;
        boolean udp = udpSrc != null || udpDst != null;
        if (tcp && udp) {
            throw PolicyException.invalid("TCP and UDP ports in one rule");
        }
        if (tcp && ipProto != null && ipProto != FlowMatch.IP_PROTO_TCP) {
            throw PolicyException.invalid("TCP ports need ipProto 6 (tcp), not " + ipProto);
        }
        if (udp && ipProto != null && ipProto != FlowMatch.IP_PROTO_UDP) {
            throw PolicyException.invalid("UDP ports need ipProto 17 (udp), not " + ipProto);
        }
        if (tcp) {
            ipProto = FlowMatch.IP_PROTO_TCP;
        } else if (udp) {
            ipProto = FlowMatch.IP_PROTO_UDP;
        }
    }

    private static void checkPort(String name, Integer port) {
        if (port != null && (port < 0 || port > 0xffff)) {
            throw PolicyException.invalid(name + " " + port + " out of range 0..65535");
        }
    }

    /** Whether it needs IPv4 (any IP field set). */
    public boolean isIpv4() {
        return ipv4Src != null || ipv4Dst != null || ipProto != null;
    }

    /**
     * The flow match, with the prerequisites OpenFlow wants (eth_type for IPv4 fields, ip_proto for
     * ports), on {@code inPort} when the rule itself names none.
     */
    public FlowMatch toFlowMatch(PortNumber defaultInPort, MacAddress defaultEthSrc) {
        FlowMatch.Builder b = FlowMatch.builder();
        PortNumber in = inPort != null ? inPort : defaultInPort;
        if (in != null) {
            b.inPort(in);
        }
        MacAddress src = ethSrc != null ? ethSrc : defaultEthSrc;
        if (src != null) {
            b.ethSrc(src);
        }
        if (ethDst != null) {
            b.ethDst(ethDst);
        }
        if (isIpv4()) {
            b.ethType(FlowMatch.ETH_TYPE_IPV4);
            b.ipv4Src(ipv4Src).ipv4Dst(ipv4Dst).ipProto(ipProto);
            b.tcpSrc(tcpSrc).tcpDst(tcpDst).udpSrc(udpSrc).udpDst(udpDst);
        }
        return b.build();
    }
}
