package org.weft.cluster;

import java.io.IOException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.state.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's part in electing the cluster's leader: a Curator {@link LeaderLatch} on {@code
 * /weft/leader}. When the ZooKeeper session is lost (expired: the latch's ephemeral node is gone
 * with it) the latch is closed, and a new one joins the election once a new session is connected.
 * Curator's latch would reset itself after the reconnection, but it reports that as an error
 * ("failed to find our node"), which after a lost session is the expected case, not an error.
 */
final class LeaderElection {

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

    private final CuratorFramework client;
    private final String nodeId;
    private final Runnable changed;
    private LeaderLatch latch;
    private boolean lost;
    private long terms; // guarded by this: how many times this instance became the leader

    /**
     * @param changed called (on a Curator thread) whenever this instance gains or loses leadership
     */
    LeaderElection(CuratorFramework client, String nodeId, Runnable changed) {
        this.client = client;
        this.nodeId = nodeId;
        this.changed = changed;
    }

    synchronized void start() {
        latch = newLatch();
        try {
            latch.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot join the leader election", e);
        }
    }

    private LeaderLatch newLatch() {
        LeaderLatch l = new LeaderLatch(client, ZkPaths.LEADER, nodeId);
        l.addListener(
                new LeaderLatchListener() {
                    @Override
                    public void isLeader() {
                        synchronized (LeaderElection.this) {
                            terms++;
                        }
                        log.info("This instance ({}) leads the cluster", nodeId);
                        changed.run();
                    }

                    @Override
                    public void notLeader() {
                        log.info("This instance ({}) no longer leads", nodeId);
                        changed.run();
                    }
                });
        return l;
    }

    /**
     * Follows the ZooKeeper connection: a lost session ends this latch, a new one starts another.
     */
    synchronized void connectionChanged(ConnectionState state) {
        if (latch == null) {
            return;
        }
        if (state == ConnectionState.LOST && !lost) {
            lost = true;
            close(latch, LeaderLatch.CloseMode.NOTIFY_LEADER);
        } else if (state.isConnected() && lost) {
            lost = false;
            log.info("New ZooKeeper session: this instance ({}) joins the election again", nodeId);
            start();
        }
    }

    synchronized boolean hasLeadership() {
        return latch != null && !lost && latch.hasLeadership();
    }

    /**
     * How many times this instance became the leader: a new value means another leader may have
     * written in between.
     */
    synchronized long term() {
        return terms;
    }

    /** The leader's node id, or null when none is known now. */
    synchronized String leaderId() throws Exception {
        if (latch == null || lost) {
            return null;
        }
        String id = latch.getLeader().getId();
        return id.isEmpty() ? null : id;
    }

    synchronized void close() {
        if (latch != null && !lost) {
            close(latch, LeaderLatch.CloseMode.SILENT);
        }
        latch = null;
    }

    private static void close(LeaderLatch l, LeaderLatch.CloseMode mode) {
        try {
            l.close(mode);
        } catch (IOException | RuntimeException e) {
            log.warn("Closing the leader latch failed: {}", e.toString());
        }
    }
}
