package org.weft.net.flow;

import java.util.Optional;
import org.weft.net.Dpid;

/** What a connected switch's flow pipeline can do: whether it has a policy stage, meters. */
public interface PipelineService {

    /**
     * A connected switch's pipeline.
     *
     * @return empty when the switch is not connected
     */
    Optional<Pipeline> pipeline(Dpid dpid);

    /**
     * @param version the negotiated OpenFlow version ("OF_13")
     * @param tables the tables the switch reports (FEATURES_REPLY n_tables)
     * @param policyStage whether Weft keeps a {@link FlowRule#POLICY_TABLE policy stage} before
     *     forwarding on it (OpenFlow 1.3 with 2 tables or more)
     */
    record Pipeline(String version, int tables, boolean policyStage) {}
}
