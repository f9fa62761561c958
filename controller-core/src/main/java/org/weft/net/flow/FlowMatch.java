package org.weft.net.flow;

import static com.google.common.base.Preconditions.checkArgument;

import org.weft.net.Ip4Prefix;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;

/**
 * The header fields a flow rule matches; a null field is a wildcard. Prerequisites (ethType for IP
 * fields, ipProto for L4 ports) are checked at construction, so a translator never has to guess.
 */
public record FlowMatch(
        PortNumber inPort,
        MacAddress ethSrc,
        MacAddress ethDst,
        Integer ethType,
        Integer vlanVid,
        Integer ipProto,
        Ip4Prefix ipv4Src,
        Ip4Prefix ipv4Dst,
        Integer tcpSrc,
        Integer tcpDst,
        Integer udpSrc,
        Integer udpDst) {

    public static final int ETH_TYPE_IPV4 = 0x0800;
    public static final int ETH_TYPE_ARP = 0x0806;
    public static final int ETH_TYPE_LLDP = 0x88cc;
    public static final int IP_PROTO_TCP = 6;
    public static final int IP_PROTO_UDP = 17;

    /** Matches every packet. */
    public static final FlowMatch ANY = builder().build();

    public FlowMatch {
        checkRange("ethType", ethType, 0xffff);
        checkRange("vlanVid", vlanVid, 0xfff);
        checkRange("ipProto", ipProto, 0xff);
        checkRange("tcpSrc", tcpSrc, 0xffff);
        checkRange("tcpDst", tcpDst, 0xffff);
        checkRange("udpSrc", udpSrc, 0xffff);
        checkRange("udpDst", udpDst, 0xffff);
        boolean ip = ipv4Src != null || ipv4Dst != null || ipProto != null;
        checkArgument(
                !ip || Integer.valueOf(ETH_TYPE_IPV4).equals(ethType),
                "IPv4 fields need ethType 0x0800 (2048)");
        boolean tcp = tcpSrc != null || tcpDst != null;
        boolean udp = udpSrc != null || udpDst != null;
        checkArgument(
                !tcp || Integer.valueOf(IP_PROTO_TCP).equals(ipProto), "TCP ports need ipProto 6");
        checkArgument(
                !udp || Integer.valueOf(IP_PROTO_UDP).equals(ipProto), "UDP ports need ipProto 17");
    }

    private static void checkRange(String name, Integer v, int max) {
        checkArgument(v == null || (v >= 0 && v <= max), "%s %s out of range 0..%s", name, v, max);
    }

    /**
     * A match on the destination MAC alone, built without a builder (the hot paths that make one
     * per rule or per flow-mod).
     */
    public static FlowMatch ethDstOnly(MacAddress mac) {
        return new FlowMatch(null, null, mac, null, null, null, null, null, null, null, null, null);
    }

    /** Whether this is {@link #ethDstOnly}'s shape: an exact destination MAC and no other field. */
    public boolean isEthDstOnly() {
        return inPort == null && isEthDstAndInPortAtMost();
    }

    /**
     * Whether this matches an exact destination MAC, perhaps an ingress port, and no other field
     * (routing's host rules and their u-turn rules).
     */
    public boolean isEthDstAndInPortAtMost() {
        return ethDst != null
                && ethSrc == null
                && ethType == null
                && vlanVid == null
                && ipProto == null
                && ipv4Src == null
                && ipv4Dst == null
                && tcpSrc == null
                && tcpDst == null
                && udpSrc == null
                && udpDst == null;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.inPort = inPort;
        b.ethSrc = ethSrc;
        b.ethDst = ethDst;
        b.ethType = ethType;
        b.vlanVid = vlanVid;
        b.ipProto = ipProto;
        b.ipv4Src = ipv4Src;
        b.ipv4Dst = ipv4Dst;
        b.tcpSrc = tcpSrc;
        b.tcpDst = tcpDst;
        b.udpSrc = udpSrc;
        b.udpDst = udpDst;
        return b;
    }

    /** Builds a {@link FlowMatch}. */
    public static final class Builder {
        private PortNumber inPort;
        private MacAddress ethSrc;
        private MacAddress ethDst;
        private Integer ethType;
        private Integer vlanVid;
        private Integer ipProto;
        private Ip4Prefix ipv4Src;
        private Ip4Prefix ipv4Dst;
        private Integer tcpSrc;
        private Integer tcpDst;
        private Integer udpSrc;
        private Integer udpDst;

        public Builder inPort(PortNumber v) {
            inPort = v;
            return this;
        }

        public Builder ethSrc(MacAddress v) {
            ethSrc = v;
            return this;
        }

        public Builder ethDst(MacAddress v) {
            ethDst = v;
            return this;
        }

        public Builder ethType(Integer v) {
            ethType = v;
            return this;
        }

        public Builder vlanVid(Integer v) {
            vlanVid = v;
            return this;
        }

        public Builder ipProto(Integer v) {
            ipProto = v;
            return this;
        }

        public Builder ipv4Src(Ip4Prefix v) {
            ipv4Src = v;
            return this;
        }

        public Builder ipv4Dst(Ip4Prefix v) {
            ipv4Dst = v;
            return this;
        }

        public Builder tcpSrc(Integer v) {
            tcpSrc = v;
            return this;
        }

        public Builder tcpDst(Integer v) {
            tcpDst = v;
            return this;
        }

        public Builder udpSrc(Integer v) {
            udpSrc = v;
            return this;
        }

        public Builder udpDst(Integer v) {
            udpDst = v;
            return this;
        }

        public FlowMatch build() {
            return new FlowMatch(
                    inPort, ethSrc, ethDst, ethType, vlanVid, ipProto, ipv4Src, ipv4Dst, tcpSrc,
                    tcpDst, udpSrc, udpDst);
        }
    }
}
