package org.weft.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the missing parent containers of many znodes (e.g. {@code /weft/sees/<dpid>} for hundreds
 * of switches) in transactions of up to {@value Ephemerals#BATCH}, parents before children. Which
 * exist is told by the cache ({@code known}); another instance may create the same containers at
 * the same moment, so a transaction that fails (one of them exists by now) is tried once more
 * without the ones ZooKeeper now lists (one read per parent), then done one by one, a container
 * that exists being no error. A container that could not be made is logged; creating its children
 * then fails and they are made one by one with their parents.
 */
final class ParentContainers {

    private static final Logger log = LoggerFactory.getLogger(ParentContainers.class);

    private final CuratorFramework client;
    private final Predicate<String> known;

    /**
     * @param known whether the cache holds the path (so it exists, or did a moment ago)
     */
    ParentContainers(CuratorFramework client, Predicate<String> known) {
        this.client = client;
        this.known = known;
    }

    /** Creates the ancestors of {@code paths} the cache does not hold. */
    void create(Collection<String> paths) {
        // Sorted, an ancestor comes before its descendants.
        TreeSet<String> missing = new TreeSet<>();
        for (String path : paths) {
            String p = ZKPaths.getPathAndNode(path).getPath();
            while (!p.equals("/") && !known.test(p) && missing.add(p)) {
                p = ZKPaths.getPathAndNode(p).getPath();
            }
        }
        List<String> all = new ArrayList<>(missing);
        for (int from = 0; from < all.size(); from += Ephemerals.BATCH) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + Ephemerals.BATCH));
            if (!transaction(batch)) {
                List<String> still = stillMissing(batch);
                if (!still.isEmpty() && !transaction(still)) {
                    log.debug("Container transaction of {} failed again; one by one", still.size());
                    still.forEach(this::createOne);
                }
            }
        }
    }

    private boolean transaction(List<String> containers) {
        try {
            List<CuratorOp> ops = new ArrayList<>();
            for (String p : containers) {
                ops.add(client.transactionOp().create().withMode(CreateMode.CONTAINER).forPath(p));
            }
            client.transaction().forOperations(ops);
            return true;
        } catch (Exception e) {
            log.debug("Container transaction of {} failed ({})", containers.size(), e.toString());
            return false;
        }
    }

    /** The containers of {@code batch} ZooKeeper does not list now (one read per parent). */
    private List<String> stillMissing(List<String> batch) {
        Set<String> parentsRead = new HashSet<>();
        Set<String> present = new HashSet<>();
        for (String p : batch) {
            String parent = ZKPaths.getPathAndNode(p).getPath();
            if (parentsRead.add(parent)) {
                try {
                    client.getChildren()
                            .forPath(parent)
                            .forEach(child -> present.add(ZKPaths.makePath(parent, child)));
                } catch (KeeperException.NoNodeException e) {
                    log.debug("{} is not there yet", parent, e);
                } catch (Exception e) {
                    log.debug("Cannot list {}: {}", parent, e.toString());
                }
            }
        }
        List<String> still = new ArrayList<>();
        batch.stream().filter(p -> !present.contains(p)).forEach(still::add);
        return still;
    }

    private void createOne(String container) {
        try {
            client.create().withMode(CreateMode.CONTAINER).forPath(container);
        } catch (KeeperException.NodeExistsException e) {
            log.debug("Container {} exists (made by another instance)", container, e);
        } catch (Exception e) {
            log.warn("Cannot create container {}: {}", container, e.toString());
        }
    }
}
