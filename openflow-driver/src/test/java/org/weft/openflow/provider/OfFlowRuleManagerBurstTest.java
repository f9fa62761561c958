package org.weft.openflow.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleBatch;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.openflow.OfConfig;
import org.weft.openflow.channel.SwitchScript;

/**
 * A burst from {@link OfFlowRuleManager#applyAll} on the wire: one write for all of a switch's
 * batches, each its flow-mods with consecutive xids then its own barrier; a batch that cannot be
 * translated leaves no byte in it; each barrier reply confirms its own batch only.
 */
class OfFlowRuleManagerBurstTest {

    private static final Dpid DPID = Dpid.of(0x2b);
    private static final OFFactory OF10 = OFFactories.getFactory(OFVersion.OF_10);

    private static List<FlowRuleOperation> adds(int first, int n, int table) {
        List<FlowRuleOperation> ops = new ArrayList<>();
        for (int i = first; i < first + n; i++) {
            ops.add(
                    FlowRuleOperation.add(
                            FlowRule.builder(DPID)
                                    .table(table)
                                    .priority(100 + i)
                                    .match(
                                            FlowMatch.builder()
                                                    .ethDst(MacAddress.of(0x0a0000000000L | i))
                                                    .build())
                                    .actions(FlowAction.output(1))
                                    .build()));
        }
        return ops;
    }

    private static SwitchScript connected() {
        SwitchScript s = SwitchScript.connect(OfConfig.defaults());
        s.handshake(OFVersion.OF_10, DPID.value(), 4);
        s.frames();
        return s;
    }

    private static List<OFMessage> decode(List<byte[]> frames) {
        OFMessageReader<OFMessage> reader = OFFactories.getGenericReader();
        List<OFMessage> out = new ArrayList<>();
        for (byte[] f : frames) {
            try {
                out.add(reader.readFrom(io.netty.buffer.Unpooled.wrappedBuffer(f)));
            } catch (org.projectfloodlight.openflow.exceptions.OFParseError e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    @Test
    void aSwitchsBatchesGoInOneWriteEachWithItsBarrier() {
        try (SwitchScript s = connected()) {
            List<CompletableFuture<BatchResult>> done =
                    new OfFlowRuleManager(s.registry())
                            .applyAll(
                                    List.of(
                                            new FlowRuleBatch(DPID, adds(0, 2, 0)),
                                            new FlowRuleBatch(DPID, adds(10, 3, 0)),
                                            new FlowRuleBatch(DPID, adds(20, 1, 0))));

            List<List<byte[]>> writes = s.framesByWrite();
            assertThat(writes).as("one write for the burst").hasSize(1);
            List<OFMessage> sent = decode(writes.get(0));
            assertThat(sent).hasSize(2 + 1 + 3 + 1 + 1 + 1);
            int[] barriers = {2, 6, 8};
            for (int b : barriers) {
                assertThat(sent.get(b)).isInstanceOf(OFBarrierRequest.class);
            }
            for (int i = 1; i < sent.size(); i++) {
                assertThat(sent.get(i).getXid())
                        .as("xids consecutive within a batch")
                        .isGreaterThan(sent.get(i - 1).getXid());
            }
            assertThat(sent.stream().filter(m -> m instanceof OFFlowAdd)).hasSize(6);
            assertThat(done).noneMatch(CompletableFuture::isDone);

            // Each barrier reply confirms its own batch and no other.
            s.send(OF10.buildBarrierReply().setXid(sent.get(6).getXid()).build());
            assertThat(done.get(1).join().size()).isEqualTo(3);
            assertThat(done.get(0)).isNotDone();
            assertThat(done.get(2)).isNotDone();
            s.send(OF10.buildBarrierReply().setXid(sent.get(2).getXid()).build());
            s.send(OF10.buildBarrierReply().setXid(sent.get(8).getXid()).build());
            assertThat(done.get(0).join().ok()).isTrue();
            assertThat(done.get(2).join().size()).isEqualTo(1);
        }
    }

    @Test
    void aBatchThatCannotBeTranslatedFailsAloneAndLeavesNoBytes() {
        try (SwitchScript s = connected()) {
            List<CompletableFuture<BatchResult>> done =
                    new OfFlowRuleManager(s.registry())
                            .applyAll(
                                    List.of(
                                            new FlowRuleBatch(DPID, adds(0, 2, 0)),
                                            // OpenFlow 1.0 has one table.
                                            new FlowRuleBatch(DPID, adds(10, 3, 1)),
                                            new FlowRuleBatch(DPID, adds(20, 2, 0))));

            assertThat(done.get(1)).isCompletedExceptionally();
            List<List<byte[]>> writes = s.framesByWrite();
            assertThat(writes).hasSize(1);
            List<OFMessage> sent = decode(writes.get(0));
            assertThat(sent).hasSize(6);
            assertThat(sent.get(2)).isInstanceOf(OFBarrierRequest.class);
            assertThat(sent.get(5)).isInstanceOf(OFBarrierRequest.class);
            assertThat(sent.stream().filter(m -> m instanceof OFFlowAdd))
                    .allSatisfy(
                            m -> assertThat(((OFFlowAdd) m).getPriority()).isNotIn(110, 111, 112));
            s.send(OF10.buildBarrierReply().setXid(sent.get(2).getXid()).build());
            s.send(OF10.buildBarrierReply().setXid(sent.get(5).getXid()).build());
            assertThat(done.get(0).join().ok()).isTrue();
            assertThat(done.get(2).join().ok()).isTrue();
        }
    }
}
