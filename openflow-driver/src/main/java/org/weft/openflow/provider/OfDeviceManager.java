package org.weft.openflow.provider;

import java.util.Collection;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import org.weft.event.ListenerRegistry;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;
import org.weft.net.device.ChannelStats;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceEvent;
import org.weft.net.device.DeviceListener;
import org.weft.net.device.DeviceService;
import org.weft.net.device.Port;
import org.weft.openflow.channel.OfSwitch;
import org.weft.openflow.channel.OfSwitchListener;
import org.weft.openflow.channel.OfSwitchRegistry;

/** {@link DeviceService} over the driver's switch registry; events go out on the event executor. */
public final class OfDeviceManager implements DeviceService, OfSwitchListener {

    private final OfSwitchRegistry switches;
    private final ListenerRegistry<DeviceEvent, DeviceListener> listeners;

    public OfDeviceManager(OfSwitchRegistry switches, Executor events) {
        this.switches = switches;
        this.listeners = new ListenerRegistry<>(events);
        switches.addListener(this);
    }

    @Override
    public Collection<Device> getDevices() {
        return switches.all().stream().map(OfSwitch::toDevice).toList();
    }

    @Override
    public Optional<Device> getDevice(Dpid dpid) {
        return switches.get(dpid).map(OfSwitch::toDevice);
    }

    @Override
    public OptionalLong controlChannelRttNanos(Dpid dpid) {
        long rtt = switches.get(dpid).map(OfSwitch::controlRttNanos).orElse(-1L);
        return rtt < 0 ? OptionalLong.empty() : OptionalLong.of(rtt);
    }

    @Override
    public Optional<ChannelStats> channelStats(Dpid dpid) {
        return switches.get(dpid).map(OfSwitch::channelStats);
    }

    @Override
    public void addListener(DeviceListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(DeviceListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void switchConnected(OfSwitch sw) {
        listeners.post(new DeviceEvent(DeviceEvent.Type.DEVICE_CONNECTED, sw.toDevice()));
    }

    @Override
    public void switchDisconnected(OfSwitch sw) {
        listeners.post(new DeviceEvent(DeviceEvent.Type.DEVICE_DISCONNECTED, sw.toDevice()));
    }

    @Override
    public void portChanged(OfSwitch sw, Port port, boolean added) {
        DeviceEvent.Type type = added ? DeviceEvent.Type.PORT_ADDED : DeviceEvent.Type.PORT_UPDATED;
        listeners.post(new DeviceEvent(type, sw.toDevice(), port));
    }

    @Override
    public void requestTimedOut(OfSwitch sw) {
        listeners.post(new DeviceEvent(DeviceEvent.Type.DEVICE_OUT_OF_SYNC, sw.toDevice()));
    }

    @Override
    public void portRemoved(OfSwitch sw, PortNumber number) {
        Port gone = new Port(number, "", org.weft.net.MacAddress.of(0), false, false, 0);
        listeners.post(new DeviceEvent(DeviceEvent.Type.PORT_REMOVED, sw.toDevice(), gone));
    }
}
