package org.weft.net.device;

import java.util.Collection;
import java.util.Optional;
import org.weft.net.Dpid;

/** The switches connected now, their ports, and what happens to them. */
public interface DeviceService {

    Collection<Device> getDevices();

    Optional<Device> getDevice(Dpid dpid);

    default boolean isConnected(Dpid dpid) {
        return getDevice(dpid).isPresent();
    }

    void addListener(DeviceListener listener);

    void removeListener(DeviceListener listener);
}
