package org.weft.openflow.emulator;

import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowMatch;

/** Messages an emulated switch sends of its own accord. */
final class SwitchMessages {

    private SwitchMessages() {}

    /** A table-miss packet-in of the whole frame, buffered or not ({@code NO_BUFFER}). */
    static OFMessage packetIn(
            OFFactory f, long xid, PortNumber inPort, byte[] frame, OFBufferId bufferId) {
        var b =
                f.buildPacketIn()
                        .setXid(xid)
                        .setBufferId(bufferId)
                        .setReason(OFPacketInReason.NO_MATCH)
                        .setTotalLen(frame.length)
                        .setData(frame);
        if (f.getVersion() == OFVersion.OF_10) {
            b.setInPort(EmulatorPorts.wire(inPort));
        } else {
            b.setMatch(WireMatches.encode(f, FlowMatch.builder().inPort(inPort).build()))
                    .setTableId(TableId.of(0))
                    .setCookie(U64.ZERO);
        }
        return b.build();
    }
}
