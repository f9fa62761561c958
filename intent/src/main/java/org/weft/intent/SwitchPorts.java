package org.weft.intent;

import org.weft.net.PortNumber;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceService;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.net.intent.StaticFlowException;
import org.weft.net.intent.StaticFlowException.Kind;

/** Checks a flow against its switch as Weft knows it, before anything is recorded or sent. */
final class SwitchPorts {

    private SwitchPorts() {}

    /**
     * The rule's switch.
     *
     * @throws StaticFlowException SWITCH_NOT_CONNECTED, or NO_SUCH_PORT when the rule names a port
     *     the switch lacks
     */
    static Device check(DeviceService devices, FlowRule rule) {
        Device device =
                devices.getDevice(rule.dpid())
                        .orElseThrow(
                                () ->
                                        new StaticFlowException(
                                                Kind.SWITCH_NOT_CONNECTED,
                                                "switch " + rule.dpid() + " is not connected"));
        PortNumber in = rule.match().inPort();
        if (in != null && !in.isReserved() && device.port(in).isEmpty()) {
            throw noPort(rule, in);
        }
        for (FlowAction a : rule.actions()) {
            if (a instanceof FlowAction.Output o
                    && !o.port().isReserved()
                    && device.port(o.port()).isEmpty()) {
                throw noPort(rule, o.port());
            }
        }
        return device;
    }

    private static StaticFlowException noPort(FlowRule rule, PortNumber port) {
        return new StaticFlowException(
                Kind.NO_SUCH_PORT, "switch " + rule.dpid() + " has no port " + port);
    }
}
