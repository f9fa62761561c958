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

    /**
     * The smoothed round-trip time of the switch's control channel, measured with echo
     * request/reply; empty until the first echo reply (or when the switch is not connected).
     */
    default java.util.OptionalLong controlChannelRttNanos(Dpid dpid) {
        return java.util.OptionalLong.empty();
    }

    /**
     * The switch's control-channel counters (packet-ins admitted and dropped, malformed input,
     * back-pressure, timeouts); empty when the switch is not connected.
     */
    default Optional<ChannelStats> channelStats(Dpid dpid) {
        return Optional.empty();
    }

    void addListener(DeviceListener listener);

    void removeListener(DeviceListener listener);
}
