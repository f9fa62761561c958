package org.weft.openflow.provider;

import java.util.concurrent.CompletionException;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFRoleReply;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.U64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.SwitchErrorException;
import org.weft.net.cluster.MastershipEvent;
import org.weft.net.cluster.MastershipRole;
import org.weft.net.cluster.MastershipService;
import org.weft.openflow.channel.OfSwitch;
import org.weft.openflow.channel.OfSwitchListener;
import org.weft.openflow.channel.OfSwitchRegistry;

/**
 * Enforces the cluster's mastership on the switches: tells the {@link MastershipService} which
 * switches this instance is connected to, and sends each one a ROLE_REQUEST (MASTER with the
 * mastership's generation id, or SLAVE) whenever this instance's role for it changes. A switch that
 * refuses the MASTER request (ROLE_REQUEST_FAILED, e.g. STALE: a newer master exists) makes this
 * instance step down. OpenFlow 1.0 switches have no roles: in a cluster they are never programmed
 * and an error says so. Only active in a cluster; a single instance leaves roles to {@code
 * openflow.sendRoleRequest}.
 */
public final class OfRoleManager implements OfSwitchListener {

    private static final Logger log = LoggerFactory.getLogger(OfRoleManager.class);

    private final OfSwitchRegistry switches;
    private final MastershipService mastership;

    public OfRoleManager(OfSwitchRegistry switches, MastershipService mastership) {
        this.switches = switches;
        this.mastership = mastership;
        switches.slaveUntilRole(mastership.clustered());
        switches.addListener(this);
        mastership.addListener(this::onMastership);
    }

    @Override
    public void switchConnected(OfSwitch sw) {
        if (sw.version() == OFVersion.OF_10 && mastership.clustered()) {
            log.error(
                    "Switch {} at {} speaks OpenFlow 1.0, which has no controller roles: a cluster"
                            + " cannot share it safely, so this instance never programs it"
                            + " (configure OpenFlow 1.3 on it)",
                    sw.dpid(),
                    sw.remoteAddress());
            return;
        }
        mastership.switchConnected(sw.dpid());
        MastershipRole role = mastership.role(sw.dpid());
        if (role != MastershipRole.NONE && mastership.clustered()) {
            apply(sw, role, mastership.generationId(sw.dpid()));
        }
    }

    @Override
    public void switchDisconnected(OfSwitch sw) {
        if (switches.get(sw.dpid()).isEmpty()) {
            mastership.switchDisconnected(sw.dpid());
        }
    }

    private void onMastership(MastershipEvent e) {
        switches.get(e.dpid())
                .filter(sw -> sw.version() != OFVersion.OF_10)
                .ifPresent(sw -> apply(sw, e.role(), e.generationId()));
    }

    private void apply(OfSwitch sw, MastershipRole role, long generation) {
        boolean master = role == MastershipRole.MASTER;
        if (!master) {
            sw.setMaster(false); // before the request: nothing more is written as master
        }
        OFControllerRole ofRole =
                master ? OFControllerRole.ROLE_MASTER : OFControllerRole.ROLE_SLAVE;
        if (master) {
            sw.setMaster(true); // the switch handles what follows the request as the master's
        }
        sw.request(
                        xid ->
                                sw.factory()
                                        .buildRoleRequest()
                                        .setXid(xid)
                                        .setRole(ofRole)
                                        .setGenerationId(U64.of(generation))
                                        .build())
                .whenComplete(
                        (reply, error) -> {
                            if (error == null) {
                                log.info(
                                        "Switch {}: this instance is {} (generation {})",
                                        sw.dpid(),
                                        ((OFRoleReply) reply).getRole(),
                                        generation);
                                return;
                            }
                            Throwable cause =
                                    error instanceof CompletionException && error.getCause() != null
                                            ? error.getCause()
                                            : error;
                            boolean refused =
                                    cause instanceof SwitchErrorException s
                                            && s.errorType().equals("ROLE_REQUEST_FAILED");
                            if (master && refused) {
                                sw.setMaster(false);
                                mastership.stepDown(sw.dpid(), generation);
                            } else if (refused) {
                                // A SLAVE request overtaken by a newer assignment: harmless.
                                log.debug(
                                        "Switch {} refused SLAVE at generation {}: {}",
                                        sw.dpid(),
                                        generation,
                                        cause.getMessage());
                            } else {
                                log.warn(
                                        "Role request {} to {} failed: {}",
                                        ofRole,
                                        sw.dpid(),
                                        cause.toString());
                            }
                        });
    }
}
