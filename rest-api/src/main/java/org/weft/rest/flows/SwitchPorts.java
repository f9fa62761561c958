package org.weft.rest.flows;

import org.weft.net.PortNumber;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceService;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.rest.ApiException;

/** Checks a flow against its switch as Weft knows it, before anything is recorded or sent. */
final class SwitchPorts {

    private SwitchPorts() {}

    /**
     * The rule's switch.
     *
     * @throws ApiException 409 when it is not connected, 422 when the rule names a port it lacks
     */
    static Device check(DeviceService devices, FlowRule rule) {
        Device device =
                devices.getDevice(rule.dpid())
                        .orElseThrow(
                                () ->
                                        new ApiException(
                                                409,
                                                "switch not connected",
                                                "switch " + rule.dpid() + " is not connected"));
        PortNumber in = rule.match().inPort();
        if (in != null && !in.isReserved() && device.port(in).isEmpty()) {
            throw ApiException.unprocessable("switch " + rule.dpid() + " has no port " + in);
        }
        for (FlowAction a : rule.actions()) {
            if (a instanceof FlowAction.Output o
                    && !o.port().isReserved()
                    && device.port(o.port()).isEmpty()) {
                throw ApiException.unprocessable(
                        "switch " + rule.dpid() + " has no port " + o.port());
            }
        }
        return device;
    }
}
