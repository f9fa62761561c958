package org.weft.openflow.emulator;

import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFRoleRequestFailedCode;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.errormsg.OFErrorMsgs;
import org.projectfloodlight.openflow.types.OFErrorCauseData;
import org.projectfloodlight.openflow.types.U64;

/**
 * Controller roles as OpenFlow 1.3 (6.3.7) defines them, for one emulated switch: the largest
 * generation id seen, and each connection's role. A MASTER or SLAVE request with a generation id
 * older than the largest seen (compared as a signed 64-bit distance) is refused with
 * ROLE_REQUEST_FAILED/STALE; a new MASTER turns the other connections' MASTER into SLAVE; writes
 * from a SLAVE connection are refused with BAD_REQUEST/IS_SLAVE. Thread-safe.
 */
final class EmulatorRoles {

    /** The role of the connection a channel carries. */
    static final io.netty.util.AttributeKey<Connection> KEY =
            io.netty.util.AttributeKey.valueOf("weft.emulator.role");

    /** One connection's role. */
    static final class Connection {
        private OFControllerRole role = OFControllerRole.ROLE_EQUAL;

        synchronized OFControllerRole role() {
            return role;
        }

        boolean isSlave() {
            return role() == OFControllerRole.ROLE_SLAVE;
        }
    }

    private final java.util.Set<Connection> connections =
            java.util.concurrent.ConcurrentHashMap.newKeySet();
    private boolean generationDefined;
    private long maxGeneration;

    Connection connect() {
        Connection c = new Connection();
        connections.add(c);
        return c;
    }

    void disconnect(Connection c) {
        connections.remove(c);
    }

    /** The largest generation id a MASTER or SLAVE request carried, or empty. */
    synchronized java.util.OptionalLong maxGeneration() {
        return generationDefined
                ? java.util.OptionalLong.of(maxGeneration)
                : java.util.OptionalLong.empty();
    }

    /** Answers a role request on connection {@code c}: the reply or the error. */
    synchronized OFMessage request(OFFactory f, Connection c, OFRoleRequest req) {
        OFControllerRole asked = req.getRole();
        long gen = req.getGenerationId().getValue();
        if (asked == OFControllerRole.ROLE_MASTER || asked == OFControllerRole.ROLE_SLAVE) {
            if (generationDefined && gen - maxGeneration < 0) {
                return f.errorMsgs()
                        .buildRoleRequestFailedErrorMsg()
                        .setXid(req.getXid())
                        .setCode(OFRoleRequestFailedCode.STALE)
                        .setData(OFErrorCauseData.of(new byte[0], f.getVersion()))
                        .build();
            }
            generationDefined = true;
            maxGeneration = gen;
        }
        if (asked == OFControllerRole.ROLE_MASTER) {
            for (Connection other : connections) {
                synchronized (other) {
                    if (other != c && other.role == OFControllerRole.ROLE_MASTER) {
                        other.role = OFControllerRole.ROLE_SLAVE;
                    }
                }
            }
        }
        synchronized (c) {
            if (asked != OFControllerRole.ROLE_NOCHANGE) {
                c.role = asked;
            }
            return f.buildRoleReply()
                    .setXid(req.getXid())
                    .setRole(c.role)
                    .setGenerationId(U64.of(maxGeneration))
                    .build();
        }
    }

    /** The IS_SLAVE error when {@code m} is a write a SLAVE connection may not make, else null. */
    static OFErrorMsg refuseIfSlave(OFFactory f, Connection c, OFMessage m) {
        OFType t = m.getType();
        boolean write =
                t == OFType.FLOW_MOD
                        || t == OFType.GROUP_MOD
                        || t == OFType.PACKET_OUT
                        || t == OFType.PORT_MOD
                        || t == OFType.TABLE_MOD
                        || t == OFType.METER_MOD;
        if (!write || c.role() != OFControllerRole.ROLE_SLAVE) {
            return null;
        }
        return isSlave(f, m.getXid());
    }

    /** BAD_REQUEST/IS_SLAVE for the message {@code xid}. */
    static OFErrorMsg isSlave(OFFactory f, long xid) {
        OFErrorMsgs errors = f.errorMsgs();
        return errors.buildBadRequestErrorMsg()
                .setXid(xid)
                .setCode(OFBadRequestCode.IS_SLAVE)
                .setData(OFErrorCauseData.of(new byte[0], f.getVersion()))
                .build();
    }
}
