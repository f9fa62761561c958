package org.weft.openflow.channel;

import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/** Packet-ins the driver's tests send, as a cbench-style switch would. */
final class TestPacketIns {

    private TestPacketIns() {}

    /** An unbuffered table-miss packet-in of a 60-byte frame from port 1. */
    static OFPacketIn tableMiss(OFFactory f, long xid) {
        return f.buildPacketIn()
                .setXid(xid)
                .setBufferId(OFBufferId.NO_BUFFER)
                .setReason(OFPacketInReason.NO_MATCH)
                .setTableId(TableId.ZERO)
                .setCookie(U64.ZERO)
                .setMatch(f.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1)).build())
                .setData(new byte[60])
                .build();
    }
}
