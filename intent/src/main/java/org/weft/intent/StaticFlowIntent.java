package org.weft.intent;

import java.util.Optional;
import org.weft.net.Dpid;
import org.weft.net.SwitchErrorException;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceService;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.intent.StaticFlowService;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.reconcile.SwitchEntries;

/**
 * Static flows as the reconciler's app {@code static}: on each switch it wants exactly the recorded
 * flows, so a pass installs missing ones and removes static-cookie entries the store does not know.
 * Passes mark the flows they found or made equal {@code INSTALLED} and the ones the switch rejected
 * {@code FAILED}.
 */
final class StaticFlowIntent implements IntentSource {

    private final StaticFlowTable table;
    private final DeviceService devices;

    StaticFlowIntent(StaticFlowTable table, DeviceService devices) {
        this.table = table;
        this.devices = devices;
    }

    @Override
    public String name() {
        return "static";
    }

    @Override
    public int appId() {
        return StaticFlowService.APP_ID;
    }

    @Override
    public SwitchEntries intended(Dpid dpid) {
        return SwitchEntries.flows(
                table.onSwitch(dpid).stream().map(StaticFlowEntry::rule).toList());
    }

    @Override
    public void inSync(Dpid dpid, SwitchEntries intended) {
        Optional<Device> d = devices.getDevice(dpid);
        if (d.isEmpty()) {
            return;
        }
        long connection = d.get().connectedAtMillis();
        for (FlowRule r : intended.flows()) {
            recorded(r).ifPresent(f -> f.installed(connection));
        }
    }

    @Override
    public void rejected(Dpid dpid, FlowRuleOperation op, SwitchErrorException error) {
        Optional<Device> d = devices.getDevice(dpid);
        if (op.type() == FlowRuleOperation.Type.REMOVE || d.isEmpty()) {
            return;
        }
        long connection = d.get().connectedAtMillis();
        recorded(op.rule()).ifPresent(f -> f.failed(StaticFlowIds.errorName(error), connection));
    }

    /** The recorded flow this rule is, unless it was deleted or is another's. */
    private Optional<StaticFlowEntry> recorded(FlowRule r) {
        return table.byCookie(r.cookie()).filter(f -> f.rule().equals(r));
    }
}
