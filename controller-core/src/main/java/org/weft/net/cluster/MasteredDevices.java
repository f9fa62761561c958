package org.weft.net.cluster;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.weft.net.Dpid;
import org.weft.net.device.Device;
import org.weft.net.device.DeviceEvent;
import org.weft.net.device.DeviceListener;
import org.weft.net.device.DeviceService;

/**
 * The switches this instance masters, as a {@link DeviceService}: for what only a master does (the
 * reconciler). A switch appears (DEVICE_CONNECTED) when it is connected and this instance becomes
 * its master, and disappears (DEVICE_DISCONNECTED) when either ends; its other events pass through
 * while it is mastered. Register it on the mastership after the driver's role manager, so the
 * MASTER role request is sent before anything the listeners write.
 */
public final class MasteredDevices implements DeviceService {

    private final DeviceService devices;
    private final MastershipService mastership;
    private final Map<DeviceListener, DeviceListener> wrapped = new ConcurrentHashMap<>();
    private final Map<DeviceListener, MastershipListener> roleListeners = new ConcurrentHashMap<>();

    public MasteredDevices(DeviceService devices, MastershipService mastership) {
        this.devices = devices;
        this.mastership = mastership;
    }

    @Override
    public Collection<Device> getDevices() {
        return devices.getDevices().stream().filter(d -> mastership.isMaster(d.dpid())).toList();
    }

    @Override
    public Optional<Device> getDevice(Dpid dpid) {
        return mastership.isMaster(dpid) ? devices.getDevice(dpid) : Optional.empty();
    }

    @Override
    public void addListener(DeviceListener listener) {
        DeviceListener filter =
                e -> {
                    if (mastership.isMaster(e.subject().dpid())) {
                        listener.event(e);
                    }
                };
        MastershipListener roles =
                e ->
                        devices.getDevice(e.dpid())
                                .ifPresent(
                                        d ->
                                                listener.event(
                                                        new DeviceEvent(
                                                                e.role() == MastershipRole.MASTER
                                                                        ? DeviceEvent.Type
                                                                                .DEVICE_CONNECTED
                                                                        : DeviceEvent.Type
                                                                                .DEVICE_DISCONNECTED,
                                                                d)));
        wrapped.put(listener, filter);
        roleListeners.put(listener, roles);
        devices.addListener(filter);
        mastership.addListener(roles);
    }

    @Override
    public void removeListener(DeviceListener listener) {
        DeviceListener filter = wrapped.remove(listener);
        if (filter != null) {
            devices.removeListener(filter);
        }
        MastershipListener roles = roleListeners.remove(listener);
        if (roles != null) {
            mastership.removeListener(roles);
        }
    }
}
