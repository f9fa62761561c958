package org.weft.openflow.emulator;

import org.projectfloodlight.openflow.protocol.OFVersion;

/** The OpenFlow version an {@link EmulatedSwitch} speaks. */
public enum OpenFlowVersion {
    OF_10(OFVersion.OF_10),
    OF_13(OFVersion.OF_13);

    private final OFVersion wire;

    OpenFlowVersion(OFVersion wire) {
        this.wire = wire;
    }

    OFVersion wire() {
        return wire;
    }
}
