package org.weft.bench;

import org.weft.net.Dpid;

/**
 * What one flooding switch saw. Times in milliseconds, -1 when the moment never came.
 *
 * @param connectedMs TCP connection established, from the run's start
 * @param featuresMs FEATURES_REPLY written (the flood begins), from the connection
 * @param barrierMs reply to the first BARRIER_REQUEST after the features written (queued behind the
 *     flood), from the connection
 * @param handshakeMs first FLOW_MOD or PACKET_OUT received, from the connection: the controller has
 *     finished its handshake and acts on the switch
 * @param closedMs the connection closed before the run closed it, from the connection
 * @param flowMods flow-mods received
 * @param packetOuts packet-outs received, LLDP/BDDP probes excluded
 * @param probes LLDP/BDDP packet-outs received (the controller's discovery, not answers)
 * @param answers packet-ins answered, as {@link Answers} counts them (a flow-mod with a buffer id,
 *     a packet-out alone or after its flow-mod: one each)
 * @param packetInsSent packet-ins written to the channel
 */
record FloodSwitchResult(
        Dpid dpid,
        double connectedMs,
        double featuresMs,
        double barrierMs,
        double handshakeMs,
        double closedMs,
        long flowMods,
        long packetOuts,
        long probes,
        long answers,
        long packetInsSent) {

    boolean disconnected() {
        return closedMs >= 0;
    }

    boolean handshakeDone() {
        return handshakeMs >= 0;
    }
}
