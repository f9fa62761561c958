package org.weft.openflow.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;
import org.projectfloodlight.openflow.types.TransportPort;
import org.weft.net.Ip4Prefix;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowMatch;

class WireMatchesTest {

    static final OFFactory OF10 = OFFactories.getFactory(OFVersion.OF_10);
    static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);

    /** Every field Weft matches on, each with a value no other field has. */
    static Match everyField(OFFactory f) {
        return f.buildMatch()
                .setExact(MatchField.IN_PORT, OFPort.of(3))
                .setExact(MatchField.ETH_SRC, MacAddress.of("02:00:00:00:00:0a"))
                .setExact(MatchField.ETH_DST, MacAddress.of("02:00:00:00:00:0b"))
                .setExact(MatchField.ETH_TYPE, EthType.IPv4)
                .setExact(MatchField.VLAN_VID, OFVlanVidMatch.ofRawVid((short) 0x1064))
                .setExact(MatchField.IP_PROTO, IpProtocol.TCP)
                .setMasked(
                        MatchField.IPV4_SRC,
                        IPv4Address.of("10.1.0.0"),
                        IPv4Address.of("255.255.0.0"))
                .setExact(MatchField.IPV4_DST, IPv4Address.of("10.2.3.4"))
                .setExact(MatchField.TCP_SRC, TransportPort.of(1234))
                .setExact(MatchField.TCP_DST, TransportPort.of(80))
                .build();
    }

    static final FlowMatch EVERY_FIELD =
            FlowMatch.builder()
                    .inPort(PortNumber.of(3))
                    .ethSrc(org.weft.net.MacAddress.parse("02:00:00:00:00:0a"))
                    .ethDst(org.weft.net.MacAddress.parse("02:00:00:00:00:0b"))
                    .ethType(0x0800)
                    .vlanVid(0x64)
                    .ipProto(6)
                    .ipv4Src(Ip4Prefix.parse("10.1.0.0/16"))
                    .ipv4Dst(Ip4Prefix.parse("10.2.3.4/32"))
                    .tcpSrc(1234)
                    .tcpDst(80)
                    .build();

    /** A flow-mod with the match, written to bytes and parsed back, as the switch receives it. */
    static Match received(OFFactory f, Match m) throws OFParseError {
        OFMessage sent = f.buildFlowAdd().setXid(1).setMatch(m).build();
        ByteBuf buf = Unpooled.buffer();
        sent.writeTo(buf);
        return ((OFFlowMod) OFFactories.getGenericReader().readFrom(buf)).getMatch();
    }

    @Test
    void readsEveryFieldInOneAndThirteen() throws OFParseError {
        for (OFFactory f : List.of(OF10, OF13)) {
            assertThat(WireMatches.decode(received(f, everyField(f))))
                    .as("%s", f.getVersion())
                    .isEqualTo(EVERY_FIELD);
        }
    }

    @Test
    void writesWhatItReads() throws OFParseError {
        for (OFFactory f : List.of(OF10, OF13)) {
            for (FlowMatch m : List.of(EVERY_FIELD, FlowMatch.ANY)) {
                assertThat(WireMatches.decode(received(f, WireMatches.encode(f, m))))
                        .as("%s %s", f.getVersion(), m)
                        .isEqualTo(m);
            }
        }
    }

    @Test
    void refusesAVlanIdWithoutThePresentBit() throws OFParseError {
        Match untaggedBit =
                OF13.buildMatch()
                        .setExact(MatchField.VLAN_VID, OFVlanVidMatch.ofRawVid((short) 0x64))
                        .build();
        assertThatThrownBy(() -> WireMatches.decode(received(OF13, untaggedBit)))
                .isInstanceOf(BadEntryException.class)
                .hasMessageContaining("OFPVID_PRESENT")
                .extracting(e -> ((BadEntryException) e).kind())
                .isEqualTo(BadEntryException.Kind.BAD_MATCH);
    }

    @Test
    void refusesAMaskThatIsNoPrefixAndBitsPastTheMask() throws OFParseError {
        Match holes =
                OF13.buildMatch()
                        .setExact(MatchField.ETH_TYPE, EthType.IPv4)
                        .setMasked(
                                MatchField.IPV4_DST,
                                IPv4Address.of("10.0.0.0"),
                                IPv4Address.of("255.0.255.0"))
                        .build();
        Match past =
                OF13.buildMatch()
                        .setExact(MatchField.ETH_TYPE, EthType.IPv4)
                        .setMasked(
                                MatchField.IPV4_DST,
                                IPv4Address.of("10.0.0.1"),
                                IPv4Address.of("255.0.0.0"))
                        .build();
        assertThatThrownBy(() -> WireMatches.decode(received(OF13, holes)))
                .isInstanceOf(BadEntryException.class)
                .hasMessageContaining("not a prefix");
        assertThatThrownBy(() -> WireMatches.decode(received(OF13, past)))
                .isInstanceOf(BadEntryException.class)
                .hasMessageContaining("past its mask");
    }

    @Test
    void refusesMissingPrerequisitesAndFieldsItCannotKeep() throws OFParseError {
        Match noEthType = OF13.buildMatch().setExact(MatchField.IP_PROTO, IpProtocol.UDP).build();
        Match pcp =
                OF13.buildMatch()
                        .setExact(MatchField.VLAN_VID, OFVlanVidMatch.ofVlan(5))
                        .setExact(
                                MatchField.VLAN_PCP,
                                org.projectfloodlight.openflow.types.VlanPcp.of((byte) 3))
                        .build();
        assertThatThrownBy(() -> WireMatches.decode(received(OF13, noEthType)))
                .isInstanceOf(BadEntryException.class)
                .hasMessageContaining("prerequisites");
        assertThatThrownBy(() -> WireMatches.decode(received(OF13, pcp)))
                .isInstanceOf(BadEntryException.class)
                .hasMessageContaining("unsupported");
    }
}
