package org.weft.openflow.channel;

import java.util.ArrayList;
import java.util.List;

/** What the registry told its listeners, in order. */
final class RecordingListener implements OfSwitchListener {

    final List<OfSwitch> connected = new ArrayList<>();
    final List<OfSwitch> disconnected = new ArrayList<>();
    final List<PacketIn> packetIns = new ArrayList<>();

    @Override
    public void switchConnected(OfSwitch sw) {
        connected.add(sw);
    }

    @Override
    public void switchDisconnected(OfSwitch sw) {
        disconnected.add(sw);
    }

    @Override
    public void packetIn(OfSwitch sw, PacketIn packetIn) {
        packetIns.add(packetIn.copy());
    }
}
