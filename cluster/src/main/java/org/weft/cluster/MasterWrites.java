package org.weft.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;

/**
 * The leader's writes of new masters: many switches at once (a start, an instance lost with a
 * hundred switches) go to ZooKeeper in transactions of up to {@value #BATCH} operations, one round
 * trip each instead of one per switch. A transaction that fails (a master znode created or deleted
 * meanwhile) is written again one switch at a time. Every switch in one transaction gets the same
 * generation id (the transaction's zxid), which is still larger than any earlier one for it.
 */
final class MasterWrites {

    private static final Logger log = LoggerFactory.getLogger(MasterWrites.class);
    static final int BATCH = 256;

    private final CuratorFramework client;

    MasterWrites(CuratorFramework client) {
        this.client = client;
    }

    /**
     * Writes {@code changes} (switch to new master); {@code current} says which switches already
     * have a master znode.
     *
     * @return the switches whose new master was written (a failed one is logged)
     */
    Set<Dpid> write(Map<Dpid, String> changes, Map<Dpid, String> current) {
        Set<Dpid> written = new HashSet<>();
        List<Map.Entry<Dpid, String>> all = new ArrayList<>(changes.entrySet());
        try {
            client.createContainers(ZkPaths.MASTERS);
        } catch (Exception e) {
            log.warn("Cannot create {}: {}", ZkPaths.MASTERS, e.toString());
        }
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Map.Entry<Dpid, String>> batch =
                    all.subList(from, Math.min(all.size(), from + BATCH));
            try {
                List<CuratorOp> ops = new ArrayList<>();
                for (Map.Entry<Dpid, String> e : batch) {
                    byte[] data = e.getValue().getBytes(StandardCharsets.UTF_8);
                    String path = ZkPaths.master(e.getKey());
                    ops.add(
                            current.containsKey(e.getKey())
                                    ? client.transactionOp().setData().forPath(path, data)
                                    : client.transactionOp().create().forPath(path, data));
                }
                client.transaction().forOperations(ops);
                batch.forEach(one -> written.add(one.getKey()));
            } catch (Exception e) {
                log.debug(
                        "Master transaction of {} switches failed ({}); one by one",
                        batch.size(),
                        e.toString());
                batch.forEach(
                        one -> {
                            if (writeOne(one.getKey(), one.getValue())) {
                                written.add(one.getKey());
                            }
                        });
            }
        }
        return written;
    }

    private boolean writeOne(Dpid dpid, String master) {
        try {
            client.create()
                    .orSetData()
                    .creatingParentsIfNeeded()
                    .forPath(ZkPaths.master(dpid), master.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (Exception e) {
            log.warn("Cannot assign switch {} to {}: {}", dpid, master, e.toString());
            return false;
        }
    }
}
