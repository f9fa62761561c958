package org.weft.openflow.emulator;

import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.weft.net.PortNumber;

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
            b.setMatch(
                            f.buildMatch()
                                    .setExact(MatchField.IN_PORT, EmulatorPorts.wire(inPort))
                                    .build())
                    .setTableId(TableId.of(0))
                    .setCookie(U64.ZERO);
        }
        return b.build();
    }
}
