package org.weft.openflow.channel;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;

/**
 * The switches whose handshake completed, by DPID. A second connection claiming a connected DPID
 * does not evict a live switch: the old channel is probed with an echo first.
 */
public final class OfSwitchRegistry {

    private static final Logger log = LoggerFactory.getLogger(OfSwitchRegistry.class);

    private final ConcurrentMap<Dpid, OfSwitch> switches = new ConcurrentHashMap<>();
    private final List<OfSwitchListener> listeners = new CopyOnWriteArrayList<>();

    /** {@link #listeners} as an array, replaced on every change: no iterator per packet-in. */
    private volatile OfSwitchListener[] packetInListeners = new OfSwitchListener[0];

    private final Duration probeTimeout;

    /** False only for {@link #refusingAll()}. */
    private final boolean admits;

    /** Whether a switch starts as SLAVE until its role is decided (a cluster). */
    private volatile boolean slaveUntilRole;

    /** Messages written to every switch since start, by type. */
    private final SentMessages sent = new SentMessages();

    public OfSwitchRegistry(Duration probeTimeout) {
        this(probeTimeout, true);
    }

    private OfSwitchRegistry(Duration probeTimeout, boolean admits) {
        this.probeTimeout = probeTimeout;
        this.admits = admits;
    }

    /** A registry that admits no switch: the channel is closed at the end of its handshake. */
    static OfSwitchRegistry refusingAll() {
        return new OfSwitchRegistry(Duration.ZERO, false);
    }

    /** Flow-mods, group-mods and packet-outs written to all switches since start. */
    public SentMessages sent() {
        return sent;
    }

    /**
     * In a cluster, switches are admitted as SLAVE (no writes) until the mastership service names
     * this instance their master.
     */
    public void slaveUntilRole(boolean on) {
        this.slaveUntilRole = on;
    }

    public synchronized void addListener(OfSwitchListener l) {
        listeners.add(l);
        packetInListeners = listeners.toArray(OfSwitchListener[]::new);
    }

    public synchronized void removeListener(OfSwitchListener l) {
        listeners.remove(l);
        packetInListeners = listeners.toArray(OfSwitchListener[]::new);
    }

    public Optional<OfSwitch> get(Dpid dpid) {
        return Optional.ofNullable(switches.get(dpid));
    }

    /** {@link #get} without the Optional (null if not connected): for every packet-in's answer. */
    public OfSwitch getOrNull(Dpid dpid) {
        return switches.get(dpid);
    }

    public Collection<OfSwitch> all() {
        return switches.values();
    }

    /**
     * Admits a switch that finished its handshake.
     *
     * @return true if it is now the switch for its DPID; false if a live switch already holds the
     *     DPID
     */
    CompletableFuture<Boolean> register(OfSwitch sw) {
        if (!admits) {
            return CompletableFuture.completedFuture(false);
        }
        OfSwitch old = switches.putIfAbsent(sw.dpid(), sw);
        if (old == null) {
            connected(sw);
            return CompletableFuture.completedFuture(true);
        }
        log.info(
                "{} from {} claims a DPID already connected from {}; probing the old channel",
                sw.dpid(),
                sw.remoteAddress(),
                old.remoteAddress());
        return old.echo()
                .orTimeout(probeTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle(
                        (reply, error) -> {
                            if (error == null) {
                                log.warn(
                                        "Refused second connection for {} from {}: the switch at {} is alive",
                                        sw.dpid(),
                                        sw.remoteAddress(),
                                        old.remoteAddress());
                                return CompletableFuture.completedFuture(false);
                            }
                            log.warn(
                                    "Old channel of {} at {} is dead; replacing it with {}",
                                    sw.dpid(),
                                    old.remoteAddress(),
                                    sw.remoteAddress());
                            if (switches.replace(sw.dpid(), old, sw)) {
                                fire(l -> l.switchDisconnected(old));
                                old.close();
                                connected(sw);
                                return CompletableFuture.completedFuture(true);
                            }
                            return register(sw);
                        })
                .thenCompose(f -> f);
    }

    /** The channel of this switch closed; forgotten only if it is still the registered one. */
    void unregister(OfSwitch sw) {
        if (switches.remove(sw.dpid(), sw)) {
            fire(l -> l.switchDisconnected(sw));
        }
    }

    boolean isRegistered(OfSwitch sw) {
        return switches.get(sw.dpid()) == sw;
    }

    private void connected(OfSwitch sw) {
        if (slaveUntilRole) {
            sw.setMaster(false);
        }
        fire(l -> l.switchConnected(sw));
    }

    /** A packet-in to every listener (written out: no lambda or iterator per packet). */
    void firePacketIn(OfSwitch sw, PacketIn pi) {
        for (OfSwitchListener l : packetInListeners) {
            try {
                l.packetIn(sw, pi);
            } catch (RuntimeException e) {
                log.error("Switch listener {} failed", l.getClass().getName(), e);
            }
        }
    }

    void fire(Consumer<OfSwitchListener> call) {
        for (OfSwitchListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                log.error("Switch listener {} failed", l.getClass().getName(), e);
            }
        }
    }
}
