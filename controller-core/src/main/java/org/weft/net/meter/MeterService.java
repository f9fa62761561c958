package org.weft.net.meter;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.weft.net.Dpid;
import org.weft.net.flow.BatchResult;

/** Meters on switches (OpenFlow 1.3), confirmed by a barrier like flow batches. */
public interface MeterService {

    /**
     * What the switch can meter; {@link MeterFeatures#NONE} on OpenFlow 1.0.
     *
     * @return fails with {@link org.weft.net.DeviceNotConnectedException} when not connected
     */
    CompletableFuture<MeterFeatures> features(Dpid dpid);

    /**
     * Sends the operations and a barrier.
     *
     * @return fails with {@link UnsupportedOperationException} on OpenFlow 1.0
     */
    CompletableFuture<BatchResult> apply(Dpid dpid, List<MeterOperation> operations);

    /** Every meter's counters; empty on OpenFlow 1.0. */
    CompletableFuture<List<MeterStats>> stats(Dpid dpid);
}
