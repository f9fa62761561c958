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
import org.projectfloodlight.openflow.protocol.OFFlowModFailedCode;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.openflow.OfConfig;
import org.weft.openflow.channel.SwitchScript;

/**
 * A batch from {@link OfFlowRuleManager} on the wire: its flow-mods with consecutive xids, then its
 * barrier; nothing at all when one operation has no form in the switch's version; and a rejection
 * reported by the operation's index.
 */
class OfFlowRuleManagerBatchTest {

    private static final Dpid DPID = Dpid.of(0x2a);

    private static FlowRuleOperation add(int i, int table) {
        return FlowRuleOperation.add(
                FlowRule.builder(DPID)
                        .table(table)
                        .priority(100 + i)
                        .match(
                                FlowMatch.builder()
                                        .ethDst(MacAddress.of(0x0a0000000000L | i))
                                        .build())
                        .actions(FlowAction.output(1 + i))
                        .build());
    }

    private static SwitchScript connected() {
        SwitchScript s = SwitchScript.connect(OfConfig.defaults());
        s.handshake(OFVersion.OF_10, DPID.value(), 4);
        s.frames();
        return s;
    }

    @Test
    void aBatchIsItsFlowModsWithConsecutiveXidsThenItsBarrier() {
        try (SwitchScript s = connected()) {
            List<FlowRuleOperation> ops = List.of(add(0, 0), add(1, 0), add(2, 0));
            new OfFlowRuleManager(s.registry()).apply(DPID, ops);

            List<OFMessage> sent = s.messages();
            assertThat(sent).hasSize(4);
            for (int i = 0; i < 3; i++) {
                assertThat(sent.get(i)).isInstanceOf(OFFlowAdd.class);
                assertThat(((OFFlowAdd) sent.get(i)).getPriority()).isEqualTo(100 + i);
                assertThat(sent.get(i).getXid()).isEqualTo(sent.get(0).getXid() + i);
            }
            assertThat(sent.get(3)).isInstanceOf(OFBarrierRequest.class);
            assertThat(sent.get(3).getXid()).isEqualTo(sent.get(0).getXid() + 3);
        }
    }

    @Test
    void aBatchWithAnOperationTheVersionCannotExpressSendsNothingAndFails() {
        try (SwitchScript s = connected()) {
            // OpenFlow 1.0 has one table: the second operation has no form.
            CompletableFuture<BatchResult> f =
                    new OfFlowRuleManager(s.registry())
                            .apply(DPID, List.of(add(0, 0), add(1, 1), add(2, 0)));

            assertThat(f).isCompletedExceptionally();
            assertThat(s.frames()).isEmpty();
        }
    }

    @Test
    void aRejectedFlowModIsReportedByItsIndexWhenTheBarrierIsAnswered() {
        try (SwitchScript s = connected()) {
            List<FlowRuleOperation> ops = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ops.add(add(i, 0));
            }
            CompletableFuture<BatchResult> f = new OfFlowRuleManager(s.registry()).apply(DPID, ops);
            List<OFMessage> sent = s.messages();
            OFFactory of10 = OFFactories.getFactory(OFVersion.OF_10);
            s.send(
                    of10.errorMsgs()
                            .buildFlowModFailedErrorMsg()
                            .setXid(sent.get(3).getXid())
                            .setCode(OFFlowModFailedCode.ALL_TABLES_FULL)
                            .build());
            assertThat(f).isNotDone();
            s.send(of10.buildBarrierReply().setXid(sent.get(5).getXid()).build());

            BatchResult r = f.join();
            assertThat(r.failures().keySet()).containsExactly(3);
            assertThat(r.confirmedCount()).isEqualTo(4);
        }
    }
}
