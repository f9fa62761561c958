package org.weft.cluster;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.cluster.topology.ZooKeeperTopology;
import org.weft.event.ListenerRegistry;
import org.weft.net.Dpid;
import org.weft.net.cluster.ClusterView;
import org.weft.net.cluster.MastershipEvent;
import org.weft.net.cluster.MastershipListener;
import org.weft.net.cluster.MastershipRole;
import org.weft.net.cluster.MastershipService;
import org.weft.net.device.DeviceService;
import org.weft.net.host.impl.HostTracker;
import org.weft.net.link.impl.LinkManager;
import org.weft.time.TimeSource;
import org.weft.util.BoundedExecutor;

/**
 * Mastership decided through ZooKeeper (layout in {@link ZkPaths}): every instance registers itself
 * and the switches it is connected to as ephemeral znodes; the instance holding the leader latch
 * writes each switch's master ({@link MastershipPlanner}); every instance reads the masters back
 * from a cache of {@code /weft} and tells its listeners when its role for a switch changes. While
 * ZooKeeper is unreachable the roles stay as they are (the switches' generation ids keep a stale
 * master from writing). Thread-safe; the work runs on one thread of its own.
 */
public final class ZooKeeperMastership implements MastershipService, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperMastership.class);

    /** Most pieces of cluster work, and most role events, waiting for their thread. */
    static final int MAX_QUEUED = 10_000;

    private final ClusterConfig config;
    private final CuratorFramework client;
    private final CuratorCache cache;
    private final ClusterTree tree;
    private ZooKeeperIntentStore intents; // guarded by this
    private final LeaderElection election;
    private final Ephemerals ephemerals;
    private final SwitchOffers offers;
    private final SeenSwitches sees;
    private final Map<Dpid, Long> steppedDown = new ConcurrentHashMap<>();
    private final Map<Dpid, MastershipEvent> roles = new ConcurrentHashMap<>();
    private final Map<Dpid, String> lastWritten = new HashMap<>(); // work thread only
    private long writtenInTerm = -1; // work thread only: the leadership term of lastWritten
    private final BoundedExecutor work;
    private final BoundedExecutor eventExecutor;
    private final ListenerRegistry<MastershipEvent, MastershipListener> listeners;
    private final AtomicBoolean recomputeQueued = new AtomicBoolean();
    private volatile ConnectionState connection = ConnectionState.LOST;
    private volatile boolean closed;
    private ZooKeeperDestinationIds destinations;

    public ZooKeeperMastership(ClusterConfig config) {
        this.config = config;
        int timeout = (int) config.sessionTimeout().toMillis();
        this.client =
                CuratorFrameworkFactory.builder()
                        .connectString(config.zookeeper())
                        .sessionTimeoutMs(timeout)
                        .connectionTimeoutMs(timeout)
                        .retryPolicy(new ExponentialBackoffRetry(100, 3, 1_000))
                        .build();
        this.cache = CuratorCache.build(client, ZkPaths.ROOT);
        this.tree = new ClusterTree(cache);
        this.election = new LeaderElection(client, config.nodeId(), this::recompute);
        this.ephemerals = new Ephemerals(client, tree::stat);
        this.offers = new SwitchOffers(this::offer);
        this.work = new BoundedExecutor("weft-cluster", MAX_QUEUED);
        this.sees =
                new SeenSwitches(ephemerals, config.nodeId(), offers::isConnected, this::submit);
        this.eventExecutor = new BoundedExecutor("weft-mastership-events", MAX_QUEUED);
        this.listeners = new ListenerRegistry<>(eventExecutor);
    }

    /** Connects to ZooKeeper and joins the cluster; returns at once (the connection is async). */
    public ZooKeeperMastership start() {
        client.getConnectionStateListenable()
                .addListener(
                        (c, state) -> {
                            connection = state;
                            log.info("ZooKeeper connection {}", state);
                            election.connectionChanged(state);
                            if (state.isConnected()) {
                                submit(ephemerals::ensureAll);
                            }
                            recompute();
                        });
        cache.listenable()
                .addListener(
                        CuratorCacheListener.builder().forAll((t, o, n) -> recompute()).build());
        client.start();
        cache.start();
        election.start();
        return this;
    }

    /**
     * Makes this instance a candidate for mastership (its membership znode): call it once this
     * instance would program a switch it is given as the others do (shared links, hosts and intent
     * loaded, routes planned). Until then it is connected to the switches as SLAVE and given none,
     * so a restarted instance does not take switches over with half its state and wipe their routes
     * in its first reconcile pass.
     */
    public void becomeCandidate() {
        submit(
                () ->
                        ephemerals.add(
                                ZkPaths.node(config.nodeId()),
                                config.address().getBytes(StandardCharsets.UTF_8)));
        log.info("This instance ({}) is ready: a candidate for mastership", config.nodeId());
    }

    private void submit(Runnable task) {
        if (closed) {
            return;
        }
        if (!work.tryExecute(task) && !work.isShutdown() && work.rejected() % 1_000 == 1) {
            log.warn(
                    "Cluster work dropped ({} so far): {} pieces wait already",
                    work.rejected(),
                    work.capacity());
        }
    }

    /**
     * Pieces of cluster work and role events dropped since start because their queue was full (a
     * dropped recomputation is repaired by the next one; a dropped role event is not).
     */
    public long workDropped() {
        return work.rejected() + eventExecutor.rejected();
    }

    /** Queues one recomputation (several triggers in a row fold into one). */
    private void recompute() {
        if (closed || !recomputeQueued.compareAndSet(false, true)) {
            return;
        }
        submit(
                () -> {
                    recomputeQueued.set(false);
                    try {
                        if (election.hasLeadership() && connection.isConnected()) {
                            assign();
                        }
                        updateRoles();
                    } catch (RuntimeException e) {
                        log.error("Mastership recomputation failed", e);
                    }
                });
    }

    /**
     * The leader's part: writes every master that differs from the plan. The masters it wrote that
     * its cache does not show yet count as they were written (in this leadership term): planning
     * from the cache alone would move switches it has just assigned, and take their znodes for
     * missing.
     */
    private void assign() {
        long term = election.term();
        if (term != writtenInTerm) {
            lastWritten.clear(); // another leader may have written since
            writtenInTerm = term;
        }
        Set<String> live = tree.members();
        Map<Dpid, Set<String>> seenBy = tree.seenBy();
        Map<Dpid, String> cached = tree.masters();
        lastWritten.entrySet().removeIf(e -> e.getValue().equals(cached.get(e.getKey())));
        Map<Dpid, String> current = new HashMap<>(cached);
        current.putAll(lastWritten);
        SortedMap<Dpid, String> plan = MastershipPlanner.plan(live, seenBy, current);
        Map<Dpid, String> changes = new TreeMap<>();
        plan.forEach(
                (dpid, master) -> {
                    if (!master.equals(current.get(dpid))) {
                        changes.put(dpid, master);
                    }
                });
        if (!changes.isEmpty()) {
            for (Dpid dpid : new MasterWrites(client).write(changes, current)) {
                String master = changes.get(dpid);
                lastWritten.put(dpid, master);
                log.info("Switch {}: master {} (was {})", dpid, master, current.get(dpid));
            }
        }
    }

    /** Every instance's part: its own role per switch, from the masters in the cache. */
    private void updateRoles() {
        Map<Dpid, MastershipEvent> now = new HashMap<>();
        for (ChildData d : tree.children(ZkPaths.MASTERS)) {
            Dpid dpid = ZkPaths.dpidOf(ClusterTree.name(d));
            String master = ClusterTree.text(d);
            long generation = d.getStat().getMzxid();
            Long refused = steppedDown.get(dpid);
            boolean mine =
                    master.equals(config.nodeId()) && (refused == null || refused < generation);
            MastershipRole role = mine ? MastershipRole.MASTER : MastershipRole.SLAVE;
            now.put(dpid, new MastershipEvent(dpid, role, master, generation));
        }
        now.forEach(
                (dpid, e) -> {
                    MastershipEvent old = roles.put(dpid, e);
                    if (!e.equals(old)) {
                        listeners.post(e);
                    }
                });
    }

    @Override
    public MastershipRole role(Dpid dpid) {
        MastershipEvent e = roles.get(dpid);
        return e == null ? MastershipRole.NONE : e.role();
    }

    @Override
    public long generationId(Dpid dpid) {
        MastershipEvent e = roles.get(dpid);
        return e == null ? 0 : e.generationId();
    }

    @Override
    public boolean clustered() {
        return true;
    }

    /** A connected switch is offered for mastership once {@link #admitSwitchesBy} admits it. */
    @Override
    public void switchConnected(Dpid dpid) {
        offers.connected(dpid);
    }

    @Override
    public void switchDisconnected(Dpid dpid) {
        offers.disconnected(dpid);
        sees.withdraw(dpid);
    }

    /**
     * Decides when the switches this instance connects to are offered for mastership; until this is
     * called they wait (call it once, at start).
     */
    public void admitSwitchesBy(SwitchAdmission admission) {
        offers.admitBy(admission);
    }

    /** Offers that arrive together are registered together (one task, a few transactions). */
    private void offer(Dpid dpid) {
        sees.offer(dpid);
    }

    @Override
    public void stepDown(Dpid dpid, long generationId) {
        log.warn(
                "Switch {} refused this instance as master (generation {}): stepping down",
                dpid,
                generationId);
        steppedDown.merge(dpid, generationId, Math::max);
        recompute();
    }

    @Override
    public ClusterView view() {
        return tree.view(config.nodeId(), leader(), connection.name());
    }

    private String leader() {
        if (!connection.isConnected()) {
            return null;
        }
        try {
            return election.leaderId();
        } catch (Exception e) {
            log.debug("Cannot read the cluster leader", e);
            return null;
        }
    }

    /**
     * Waits until the first ZooKeeper connection is made.
     *
     * @return false when it was not made within the timeout
     */
    public boolean awaitConnected(java.time.Duration timeout) throws InterruptedException {
        return client.blockUntilConnected((int) timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Calls {@code listener} on every change of the ZooKeeper connection, after this instance took
     * the change in (for tests that wait for one).
     */
    void addConnectionListener(Consumer<ConnectionState> listener) {
        client.getConnectionStateListenable().addListener((c, state) -> listener.accept(state));
    }

    /** Operator intent kept in this cluster's ZooKeeper, over this instance's session. */
    public synchronized ZooKeeperIntentStore intentStore() {
        if (intents == null) {
            intents = new ZooKeeperIntentStore(client);
        }
        return intents;
    }

    /**
     * Destination numbers (group ids, cookies) shared by the cluster over this instance's session;
     * started on the first call, closed with this.
     */
    public synchronized ZooKeeperDestinationIds destinationIds() {
        if (destinations == null) {
            destinations = new ZooKeeperDestinationIds(client, intentStore()).start();
        }
        return destinations;
    }

    /** Shares links and hosts over this session (see {@link ZooKeeperTopology}'s parameters). */
    public ZooKeeperTopology shareTopology(
            LinkManager links,
            HostTracker hosts,
            DeviceService devices,
            TimeSource time,
            java.time.Duration interval,
            java.time.Duration linkTimeout) {
        String me = config.nodeId();
        return new ZooKeeperTopology(
                        client, me, links, hosts, devices, this, time, interval, linkTimeout)
                .start();
    }

    /** This instance's node id. */
    public String nodeId() {
        return config.nodeId();
    }

    @Override
    public void addListener(MastershipListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(MastershipListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        closed = true;
        // This instance's ephemeral znodes go with its session.
        if (connection.isConnected()) {
            election.close();
        }
        synchronized (this) {
            if (destinations != null) {
                destinations.close();
            }
        }
        cache.close();
        synchronized (this) {
            if (intents != null) {
                intents.close();
            }
        }
        client.close();
        work.shutdown();
        eventExecutor.shutdown();
        try {
            if (!work.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("Cluster work still running 2 s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
