package org.weft.net.testing;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.device.ChannelStats;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceEvent;
import org.weft.net.device.DeviceListener;
import org.weft.net.device.DeviceService;
import org.weft.net.device.Port;

/** A {@link DeviceService} whose switches tests add and change; listeners are called at once. */
public final class FakeDeviceService implements DeviceService {

    private final Map<Dpid, Device> devices = new ConcurrentHashMap<>();
    private final Map<Dpid, Long> rtts = new ConcurrentHashMap<>();
    private final Map<Dpid, ChannelStats> channels = new ConcurrentHashMap<>();
    private final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();

    /** A live 10 Gbit/s port. */
    public static Port port(long number) {
        return new Port(
                PortNumber.of(number),
                "eth" + number,
                MacAddress.of(0x020000000000L | number),
                true,
                true,
                10_000);
    }

    /** Connects a switch with live ports 1..ports. */
    public Device connect(long dpid, int ports) {
        ImmutableSortedMap.Builder<PortNumber, Port> b = ImmutableSortedMap.naturalOrder();
        for (int i = 1; i <= ports; i++) {
            b.put(PortNumber.of(i), port(i));
        }
        Device d = new Device(Dpid.of(dpid), "127.0.0.1:1", "OF_13", 0, b.build());
        devices.put(d.dpid(), d);
        post(new DeviceEvent(DeviceEvent.Type.DEVICE_CONNECTED, d));
        return d;
    }

    public void disconnect(long dpid) {
        Device d = devices.remove(Dpid.of(dpid));
        post(new DeviceEvent(DeviceEvent.Type.DEVICE_DISCONNECTED, d));
    }

    /** Sets a port's link state and posts PORT_UPDATED. */
    public void setPortLive(long dpid, long number, boolean live) {
        Device d = devices.get(Dpid.of(dpid));
        Port p = d.port(PortNumber.of(number)).orElseThrow();
        Port changed = new Port(p.number(), p.name(), p.mac(), p.adminUp(), live, p.speedMbps());
        Device updated = d.withPort(changed);
        devices.put(updated.dpid(), updated);
        post(new DeviceEvent(DeviceEvent.Type.PORT_UPDATED, updated, changed));
    }

    public void setRttNanos(long dpid, long rtt) {
        rtts.put(Dpid.of(dpid), rtt);
    }

    /**
     * Sets the switch's control-channel counters, as the driver fills them (reported while the
     * switch is connected).
     */
    public void setChannelStats(long dpid, ChannelStats stats) {
        channels.put(Dpid.of(dpid), stats);
    }

    private void post(DeviceEvent e) {
        listeners.forEach(l -> l.event(e));
    }

    @Override
    public Collection<Device> getDevices() {
        return List.copyOf(devices.values());
    }

    @Override
    public Optional<Device> getDevice(Dpid dpid) {
        return Optional.ofNullable(devices.get(dpid));
    }

    @Override
    public OptionalLong controlChannelRttNanos(Dpid dpid) {
        Long r = rtts.get(dpid);
        return r == null ? OptionalLong.empty() : OptionalLong.of(r);
    }

    @Override
    public Optional<ChannelStats> channelStats(Dpid dpid) {
        return devices.containsKey(dpid)
                ? Optional.ofNullable(channels.get(dpid))
                : Optional.empty();
    }

    @Override
    public void addListener(DeviceListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(DeviceListener listener) {
        listeners.remove(listener);
    }
}
