package org.weft.cluster;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.weft.net.Dpid;

/**
 * The switches this instance is connected to, offered for mastership through a {@link
 * SwitchAdmission}: an offered switch gets its {@code /weft/sees} znode. Switches that connect
 * before an admission is installed (the OpenFlow server may start first) wait for it. Thread-safe.
 */
final class SwitchOffers {

    private final Set<Dpid> connected = ConcurrentHashMap.newKeySet();
    private final Consumer<Dpid> offer;
    private final List<Dpid> waiting = new ArrayList<>(); // guarded by this
    private SwitchAdmission admission; // guarded by this; null until installed

    /**
     * @param offer registers the switch as seen here if it is still connected then ({@link
     *     #isConnected}, checked on the thread that writes the znodes, after a disconnect's
     *     removal)
     */
    SwitchOffers(Consumer<Dpid> offer) {
        this.offer = checkNotNull(offer, "offer");
    }

    void connected(Dpid dpid) {
        connected.add(dpid);
        SwitchAdmission a;
        synchronized (this) {
            a = admission;
            if (a == null) {
                waiting.add(dpid);
                return;
            }
        }
        a.admit(dpid, () -> offer.accept(dpid));
    }

    void disconnected(Dpid dpid) {
        connected.remove(dpid);
    }

    /** Installs the admission (once); switches connected before go through it now. */
    void admitBy(SwitchAdmission a) {
        checkNotNull(a, "admission");
        List<Dpid> held;
        synchronized (this) {
            if (admission != null) {
                throw new IllegalStateException("an admission is installed already");
            }
            admission = a;
            held = List.copyOf(waiting);
            waiting.clear();
        }
        held.forEach(dpid -> a.admit(dpid, () -> offer.accept(dpid)));
    }

    boolean isConnected(Dpid dpid) {
        return connected.contains(dpid);
    }
}
