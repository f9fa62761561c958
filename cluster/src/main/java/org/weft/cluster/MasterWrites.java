package org.weft.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;

/**
 * The leader's writes of new masters: many switches at once (a start, an instance lost with a
 * hundred switches) go to ZooKeeper in transactions of up to {@value #BATCH} operations, one round
 * trip each instead of one per switch. A transaction that fails (a master znode created or deleted
 * meanwhile) is tried again with the znodes ZooKeeper lists, then written one switch at a time.
 * Every switch in one transaction gets the same generation id (the transaction's zxid), which is
 * still larger than any earlier one for it.
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
     * have a master znode. A transaction that fails (the leader's picture was out of date) is tried
     * once more with the master znodes ZooKeeper lists now (one read), then one switch at a time.
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
        Set<Dpid> listed = null;
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Map.Entry<Dpid, String>> batch =
                    all.subList(from, Math.min(all.size(), from + BATCH));
            if (!transaction(batch, current::containsKey)) {
                if (listed == null) {
                    listed = listed();
                }
                Set<Dpid> exist = listed;
                if (!transaction(batch, exist::contains)) {
                    log.debug(
                            "Master transaction of {} switches failed again; one by one",
                            batch.size());
                    batch.forEach(
                            one -> {
                                if (writeOne(
                                        one.getKey(),
                                        one.getValue(),
                                        exist.contains(one.getKey()))) {
                                    written.add(one.getKey());
                                }
                            });
                    continue;
                }
            }
            batch.forEach(one -> written.add(one.getKey()));
        }
        return written;
    }

    private boolean transaction(List<Map.Entry<Dpid, String>> batch, Predicate<Dpid> exists) {
        try {
            List<CuratorOp> ops = new ArrayList<>();
            for (Map.Entry<Dpid, String> e : batch) {
                byte[] data = e.getValue().getBytes(StandardCharsets.UTF_8);
                String path = ZkPaths.master(e.getKey());
                ops.add(
                        exists.test(e.getKey())
                                ? client.transactionOp().setData().forPath(path, data)
                                : client.transactionOp().create().forPath(path, data));
            }
            client.transaction().forOperations(ops);
            return true;
        } catch (Exception e) {
            log.debug("Master transaction of {} switches failed ({})", batch.size(), e.toString());
            return false;
        }
    }

    /** The switches that have a master znode, as ZooKeeper lists them now (empty if unreadable). */
    private Set<Dpid> listed() {
        Set<Dpid> exist = new HashSet<>();
        try {
            client.getChildren()
                    .forPath(ZkPaths.MASTERS)
                    .forEach(n -> exist.add(ZkPaths.dpidOf(n)));
        } catch (Exception e) {
            log.debug("Cannot list {}: {}", ZkPaths.MASTERS, e.toString());
        }
        return exist;
    }

    private boolean writeOne(Dpid dpid, String master, boolean exists) {
        byte[] data = master.getBytes(StandardCharsets.UTF_8);
        String path = ZkPaths.master(dpid);
        try {
            if (exists) {
                try {
                    client.setData().forPath(path, data);
                    return true;
                } catch (KeeperException.NoNodeException e) {
                    log.debug("Master znode of {} gone meanwhile", dpid, e);
                }
            }
            client.create().orSetData().creatingParentsIfNeeded().forPath(path, data);
            return true;
        } catch (Exception e) {
            log.warn("Cannot assign switch {} to {}: {}", dpid, master, e.toString());
            return false;
        }
    }
}
