package org.weft.openflow.provider;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMeterBandStats;
import org.projectfloodlight.openflow.protocol.OFMeterFeatures;
import org.projectfloodlight.openflow.protocol.OFMeterFeaturesStatsReply;
import org.projectfloodlight.openflow.protocol.OFMeterFlags;
import org.projectfloodlight.openflow.protocol.OFMeterMod;
import org.projectfloodlight.openflow.protocol.OFMeterModCommand;
import org.projectfloodlight.openflow.protocol.OFMeterStatsReply;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.flow.BatchResult;
import org.weft.net.meter.Meter;
import org.weft.net.meter.MeterFeatures;
import org.weft.net.meter.MeterOperation;
import org.weft.net.meter.MeterService;
import org.weft.net.meter.MeterStats;
import org.weft.openflow.channel.OfSwitch;
import org.weft.openflow.channel.OfSwitchRegistry;

/** {@link MeterService} through OpenFlow 1.3 METER_MODs, meter features and meter stats. */
public final class OfMeterManager implements MeterService {

    /** OFPMBT_DROP as a bit of the band types bitmap. */
    private static final long DROP_BAND = 1L << 1;

    private static final long CAP_KBPS = 1;
    private static final long CAP_BURST = 4;

    /** OFPM_ALL: every meter, in a stats request. */
    private static final long ALL_METERS = 0xffffffffL;

    private final OfSwitchRegistry switches;

    public OfMeterManager(OfSwitchRegistry switches) {
        this.switches = switches;
    }

    @Override
    public CompletableFuture<MeterFeatures> features(Dpid dpid) {
        Optional<OfSwitch> sw = switches.get(dpid);
        if (sw.isEmpty()) {
            return CompletableFuture.failedFuture(new DeviceNotConnectedException(dpid));
        }
        if (sw.get().version() == OFVersion.OF_10) {
            return CompletableFuture.completedFuture(MeterFeatures.NONE);
        }
        OFFactory f = sw.get().factory();
        return sw.get()
                .requestMultipart(xid -> f.buildMeterFeaturesStatsRequest().setXid(xid).build())
                .thenApply(
                        parts -> {
                            OFMeterFeatures m =
                                    ((OFMeterFeaturesStatsReply) parts.get(0)).getFeatures();
                            return new MeterFeatures(
                                    m.getMaxMeter(),
                                    (m.getCapabilities() & CAP_KBPS) != 0,
                                    (m.getCapabilities() & CAP_BURST) != 0,
                                    (m.getBandTypes() & DROP_BAND) != 0);
                        });
    }

    @Override
    public CompletableFuture<BatchResult> apply(Dpid dpid, List<MeterOperation> operations) {
        Optional<OfSwitch> sw = switches.get(dpid);
        if (sw.isEmpty()) {
            return CompletableFuture.failedFuture(new DeviceNotConnectedException(dpid));
        }
        OFFactory f = sw.get().factory();
        if (f.getVersion() == OFVersion.OF_10) {
            return CompletableFuture.failedFuture(
                    new UnsupportedOperationException(
                            "switch " + dpid + " speaks OpenFlow 1.0, which has no meters"));
        }
        try {
            return sw.get()
                    .sendBatch(
                            operations.size(), (i, xid) -> toMeterMod(f, operations.get(i), xid));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A meter's METER_MOD: one drop band, rate in kbit/s, burst in kbit. */
    public static OFMeterMod toMeterMod(OFFactory f, MeterOperation op, long xid) {
        Meter m = op.meter();
        OFMeterModCommand command =
                switch (op.type()) {
                    case ADD -> OFMeterModCommand.ADD;
                    case MODIFY -> OFMeterModCommand.MODIFY;
                    case REMOVE -> OFMeterModCommand.DELETE;
                };
        EnumSet<OFMeterFlags> flags = EnumSet.of(OFMeterFlags.KBPS, OFMeterFlags.STATS);
        if (m.burstKb() > 0) {
            flags.add(OFMeterFlags.BURST);
        }
        OFMeterMod.Builder b =
                f.buildMeterMod()
                        .setXid(xid)
                        .setCommand(command)
                        .setFlags(flags)
                        .setMeterId(m.meterId());
        var band =
                f.meterBands().buildDrop().setRate(m.rateKbps()).setBurstSize(m.burstKb()).build();
        List<org.projectfloodlight.openflow.protocol.meterband.OFMeterBand> bands =
                op.type() == MeterOperation.Type.REMOVE ? List.of() : List.of(band);
        if (f.getVersion() == OFVersion.OF_13) {
            b.setMeters(bands);
        } else {
            b.setBands(bands);
        }
        return b.build();
    }

    @Override
    public CompletableFuture<List<MeterStats>> stats(Dpid dpid) {
        Optional<OfSwitch> sw = switches.get(dpid);
        if (sw.isEmpty()) {
            return CompletableFuture.failedFuture(new DeviceNotConnectedException(dpid));
        }
        if (sw.get().version() == OFVersion.OF_10) {
            return CompletableFuture.completedFuture(List.of());
        }
        OFFactory f = sw.get().factory();
        return sw.get()
                .requestMultipart(
                        xid ->
                                f.buildMeterStatsRequest()
                                        .setXid(xid)
                                        .setMeterId(ALL_METERS)
                                        .build())
                .thenApply(
                        parts ->
                                parts.stream()
                                        .map(p -> (OFMeterStatsReply) p)
                                        .flatMap(r -> r.getEntries().stream())
                                        .map(
                                                s -> {
                                                    long bp = 0;
                                                    long bb = 0;
                                                    for (OFMeterBandStats b : s.getBandStats()) {
                                                        bp += b.getPacketBandCount().getValue();
                                                        bb += b.getByteBandCount().getValue();
                                                    }
                                                    return new MeterStats(
                                                            s.getMeterId(),
                                                            s.getFlowCount(),
                                                            s.getPacketInCount().getValue(),
                                                            s.getByteInCount().getValue(),
                                                            bp,
                                                            bb,
                                                            s.getDurationSec());
                                                })
                                        .toList());
    }
}
