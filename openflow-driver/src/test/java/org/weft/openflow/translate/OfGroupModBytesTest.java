package org.weft.openflow.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;

/**
 * {@link OfFlowMods#writeGroupMod} writes the commonest groups (buckets of outputs and groups)
 * without Loxi: every byte must be what Loxi writes for {@link OfFlowMods#toGroupMod}'s message.
 */
class OfGroupModBytesTest {

    private static final Dpid DPID = Dpid.of(0x2a);
    private static final OFFactory OF13 = OFFactories.getFactory(OFVersion.OF_13);

    private static List<List<Group.Bucket>> bucketLists() {
        return List.of(
                List.of(),
                List.of(new Group.Bucket(1, null, List.of(FlowAction.output(3)))),
                List.of(
                        new Group.Bucket(0, PortNumber.of(1), List.of(FlowAction.output(1))),
                        new Group.Bucket(0, PortNumber.of(2), List.of(FlowAction.output(2)))),
                List.of(
                        new Group.Bucket(
                                7,
                                PortNumber.of(0xffff_ff00L),
                                List.of(FlowAction.output(PortNumber.IN_PORT))),
                        new Group.Bucket(
                                0xffff,
                                PortNumber.LOCAL,
                                List.of(FlowAction.output(4), FlowAction.group(0x7fff_fff0))),
                        new Group.Bucket(2, PortNumber.of(9), List.of())),
                List.of(new Group.Bucket(0, PortNumber.of(6), List.of(FlowAction.group(2)))));
    }

    @Test
    void writesWhatLoxiWritesForTheSameGroup() {
        int n = 0;
        for (Group.Type type : Group.Type.values()) {
            for (List<Group.Bucket> buckets : bucketLists()) {
                if (!valid(type, buckets)) {
                    continue;
                }
                for (GroupOperation.Type op : GroupOperation.Type.values()) {
                    n++;
                    GroupOperation o =
                            new GroupOperation(op, new Group(DPID, n * 7919, type, buckets));
                    assertThat(OfGroupModBytes.handles(OFVersion.OF_13, o)).isTrue();
                    ByteBuf lean = Unpooled.buffer();
                    ByteBuf loxi = Unpooled.buffer();
                    lean.writeByte(0x55); // after what the buffer already holds
                    loxi.writeByte(0x55);

                    OfFlowMods.writeGroupMod(OF13, o, 0x8765_4321L, lean);
                    OfFlowMods.toGroupMod(OF13, o, 0x8765_4321L).writeTo(loxi);

                    assertThat(ByteBufUtil.hexDump(lean))
                            .as(o.toString())
                            .isEqualTo(ByteBufUtil.hexDump(loxi));
                }
            }
        }
    }

    /** What {@link Group} accepts: one bucket for INDIRECT, a watched port in each FF bucket. */
    private static boolean valid(Group.Type type, List<Group.Bucket> buckets) {
        return (type != Group.Type.INDIRECT || buckets.size() == 1)
                && (type != Group.Type.FAST_FAILOVER
                        || buckets.stream().allMatch(b -> b.watchPort() != null));
    }

    @Test
    void leavesOtherGroupsToLoxiWithTheSameBytes() {
        List<Group> others = new ArrayList<>();
        others.add(
                new Group(
                        DPID,
                        5,
                        Group.Type.ALL,
                        List.of(
                                new Group.Bucket(
                                        0,
                                        null,
                                        List.of(
                                                new FlowAction.SetVlanVid(7),
                                                FlowAction.output(2))))));
        for (Group g : others) {
            GroupOperation op = new GroupOperation(GroupOperation.Type.ADD, g);
            assertThat(OfGroupModBytes.handles(OFVersion.OF_13, op)).isFalse();
            ByteBuf written = Unpooled.buffer();
            OfFlowMods.writeGroupMod(OF13, op, 9, written);
            ByteBuf loxi = Unpooled.buffer();
            OfFlowMods.toGroupMod(OF13, op, 9).writeTo(loxi);
            assertThat(ByteBufUtil.getBytes(written)).isEqualTo(ByteBufUtil.getBytes(loxi));
        }
    }

    @Test
    void openFlow10HasNoGroups() {
        GroupOperation op =
                new GroupOperation(
                        GroupOperation.Type.ADD,
                        new Group(DPID, 1, Group.Type.SELECT, bucketLists().get(1)));
        assertThat(OfGroupModBytes.handles(OFVersion.OF_10, op)).isFalse();
        assertThatThrownBy(
                        () ->
                                OfFlowMods.writeGroupMod(
                                        OFFactories.getFactory(OFVersion.OF_10),
                                        op,
                                        1,
                                        Unpooled.buffer()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
