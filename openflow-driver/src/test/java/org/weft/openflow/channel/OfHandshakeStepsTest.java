package org.weft.openflow.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFSetConfig;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.TableId;
import org.weft.net.Dpid;
import org.weft.openflow.OfConfig;

/** The configuration sent at the end of the handshake, with and without a policy stage. */
class OfHandshakeStepsTest {

    private static final OFFactory F13 = OFFactories.getFactory(OFVersion.OF_13);

    @Test
    void withAPolicyStageBothMissEntriesComeBeforeTheBarrier() {
        List<OFMessage> out =
                new OfHandshakeSteps(OfConfig.defaults()).configure(F13, Dpid.of(1), true, 3);
        assertThat(out).hasSize(4);
        assertThat(out.get(0)).isInstanceOf(OFSetConfig.class);
        OFFlowAdd toController = (OFFlowAdd) out.get(1);
        assertThat(toController.getTableId())
                .as("forwarding's table-miss")
                .isEqualTo(TableId.of(1));
        OFFlowAdd policyMiss = (OFFlowAdd) out.get(2);
        assertThat(policyMiss.getTableId()).isEqualTo(TableId.of(0));
        assertThat(policyMiss.getPriority()).isZero();
        assertThat(policyMiss.getInstructions())
                .containsExactly(F13.instructions().gotoTable(TableId.of(1)));
        assertThat(out.get(3)).isInstanceOf(OFBarrierRequest.class);
    }

    @Test
    void withoutOneTheTableMissStaysInTableZero() {
        List<OFMessage> out =
                new OfHandshakeSteps(OfConfig.defaults()).configure(F13, Dpid.of(1), false, 3);
        assertThat(out).hasSize(3);
        assertThat(((OFFlowAdd) out.get(1)).getTableId()).isEqualTo(TableId.of(0));
    }
}
