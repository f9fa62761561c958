package org.weft.openflow.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.weft.net.Dpid;

class WireFlowAddTest {

    private static final OFFactory OF10 = OFFactories.getFactory(OFVersion.OF_10);
    private static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);
    private static final Dpid DPID = Dpid.of(7);

    private static Match ethDst(OFFactory f) {
        return f.buildMatch()
                .setExact(MatchField.ETH_DST, MacAddress.of("02:a0:00:12:34:56"))
                .build();
    }

    private static OFFlowMod.Builder add(OFFactory f, Match match, OFAction... actions) {
        return f.buildFlowAdd()
                .setXid(0x8000_0001L)
                .setMatch(match)
                .setPriority(1000)
                .setIdleTimeout(30)
                .setHardTimeout(600)
                .setCookie(U64.of(0xfeed_0000_0000_0042L))
                .setActions(List.of(actions));
    }

    private static WireFlowAdd lean(OFFlowMod fm) {
        ByteBuf buf = Unpooled.buffer();
        buf.writeZero(5); // the frame need not start the buffer
        fm.writeTo(buf);
        int length = buf.readableBytes() - 5;
        WireFlowAdd add = WireFlowAdd.read(buf, 5, length);
        assertThat(buf.readerIndex()).isZero();
        return add;
    }

    private static OFAction out(int port) {
        return OF10.actions().output(OFPort.of(port), 0xffff);
    }

    private static OFAction out13(long port) {
        return OF13.actions().output(OFPort.ofInt((int) port), 0xffff);
    }

    @Test
    void readsTheEntryTheFullPathWouldAdd() {
        for (OFFlowMod fm :
                List.of(
                        add(OF10, ethDst(OF10), out(3)).build(),
                        add(OF10, ethDst(OF10), out(1), out(2), out(0xfeff)).build(),
                        add(OF13, ethDst(OF13), out13(3)).build(),
                        add(OF13, ethDst(OF13), out13(0xfffffeffL))
                                .setTableId(TableId.of(1))
                                .build(),
                        add(OF13, ethDst(OF13), out13(1), out13(2), out13(70000)).build(),
                        add(OF13, ethDst(OF13), OF13.actions().group(OFGroup.of(4))).build(),
                        add(OF13, ethDst(OF13), OF13.actions().group(OFGroup.of(0x7fff_0001)))
                                .build())) {
            WireFlowAdd add = lean(fm);

            assertThat(add).as(fm.toString()).isNotNull();
            assertThat(add.xid()).isEqualTo(0x8000_0001L);
            assertThat(add.rule(DPID)).isEqualTo(WireEntries.rule(DPID, 2, fm));
        }
    }

    @Test
    void leavesOtherOpenFlow13ShapesToTheFullParse() {
        Match maskedDst =
                OF13.buildMatch()
                        .setMasked(
                                MatchField.ETH_DST,
                                MacAddress.of("02:a0:00:12:34:56"),
                                MacAddress.of("ff:ff:ff:00:00:00"))
                        .build();
        Match withInPort =
                OF13.buildMatch()
                        .setExact(MatchField.IN_PORT, OFPort.of(1))
                        .setExact(MatchField.ETH_DST, MacAddress.of("02:a0:00:12:34:56"))
                        .build();
        List<OFFlowMod> others =
                List.of(
                        add(OF13, maskedDst, out13(3)).build(),
                        add(OF13, withInPort, out13(3)).build(),
                        add(OF13, OF13.buildMatch().build(), out13(3)).build(),
                        add(OF13, ethDst(OF13), out13(3)).setBufferId(OFBufferId.of(9)).build(),
                        add(OF13, ethDst(OF13), out13(0xfffffffdL)).build(),
                        add(OF13, ethDst(OF13), out13(0)).build(),
                        add(OF13, ethDst(OF13), out13(3)).setTableId(TableId.ALL).build(),
                        add(OF13, ethDst(OF13))
                                .setInstructions(
                                        List.of(
                                                OF13.instructions().applyActions(List.of(out13(3))),
                                                OF13.instructions().gotoTable(TableId.of(2))))
                                .build(),
                        add(OF13, ethDst(OF13))
                                .setInstructions(
                                        List.of(OF13.instructions().gotoTable(TableId.of(2))))
                                .build(),
                        add(OF13, ethDst(OF13)).setInstructions(List.of()).build(),
                        add(OF13, ethDst(OF13), OF13.actions().group(OFGroup.ALL)).build(),
                        add(OF13, ethDst(OF13), out13(3), OF13.actions().group(OFGroup.of(4)))
                                .build(),
                        OF13.buildFlowModify()
                                .setMatch(ethDst(OF13))
                                .setInstructions(
                                        List.of(
                                                OF13.instructions()
                                                        .applyActions(List.of(out13(3)))))
                                .build());
        for (OFFlowMod fm : others) {
            assertThat(lean(fm)).as(fm.toString()).isNull();
        }
    }

    @Test
    void leavesEveryOtherShapeToTheFullParse() {
        Match withType =
                OF10.buildMatch()
                        .setExact(MatchField.ETH_DST, MacAddress.of("02:a0:00:12:34:56"))
                        .setExact(MatchField.ETH_TYPE, EthType.IPv4)
                        .build();
        List<OFFlowMod> others =
                List.of(
                        add(OF10, withType, out(3)).build(),
                        add(OF10, OF10.buildMatch().build(), out(3)).build(),
                        add(OF10, ethDst(OF10), out(3)).setBufferId(OFBufferId.of(9)).build(),
                        add(OF10, ethDst(OF10), OF10.actions().output(OFPort.CONTROLLER, 128))
                                .build(),
                        add(
                                        OF10,
                                        ethDst(OF10),
                                        OF10.actions()
                                                .setVlanVid(
                                                        org.projectfloodlight.openflow.types.VlanVid
                                                                .ofVlan(5)))
                                .build(),
                        add(OF10, ethDst(OF10)).build(),
                        OF10.buildFlowModifyStrict()
                                .setMatch(ethDst(OF10))
                                .setActions(List.of(out(3)))
                                .build(),
                        OF10.buildFlowDelete().setMatch(ethDst(OF10)).build());
        for (OFFlowMod fm : others) {
            assertThat(lean(fm)).as(fm.toString()).isNull();
        }
    }
}
