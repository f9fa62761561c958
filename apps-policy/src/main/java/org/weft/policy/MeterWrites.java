package org.weft.policy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.net.meter.Meter;
import org.weft.net.meter.MeterOperation;
import org.weft.net.meter.MeterService;

/** The rate limits' meter writes, each answering whether the switch took it. */
final class MeterWrites {

    private static final Logger log = LoggerFactory.getLogger(MeterWrites.class);

    private MeterWrites() {}

    /** Adds the meter, or modifies it when the switch already has one with its id. */
    static CompletableFuture<Boolean> addOrModify(MeterService meters, Meter m) {
        return meters.apply(m.dpid(), List.of(new MeterOperation(MeterOperation.Type.ADD, m)))
                .thenCompose(
                        r ->
                                r.ok()
                                        ? CompletableFuture.completedFuture(r)
                                        : meters.apply(
                                                m.dpid(),
                                                List.of(
                                                        new MeterOperation(
                                                                MeterOperation.Type.MODIFY, m))))
                .handle(
                        (r, e) -> {
                            if (e != null || !r.ok()) {
                                log.warn(
                                        "Meter {} on {} not installed: {}",
                                        m.meterId(),
                                        m.dpid(),
                                        e != null ? e.toString() : r.failures().values());
                                return false;
                            }
                            return true;
                        });
    }

    /** Removes the meter; completes when the switch answered, whatever it answered. */
    static CompletableFuture<Void> remove(MeterService meters, Dpid dpid, long id) {
        return meters.apply(
                        dpid,
                        List.of(
                                new MeterOperation(
                                        MeterOperation.Type.REMOVE, new Meter(dpid, id, 1, 0))))
                .handle((r, e) -> null);
    }
}
