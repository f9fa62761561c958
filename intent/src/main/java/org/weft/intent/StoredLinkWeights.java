package org.weft.intent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.PortNumber;
import org.weft.net.intent.LinkWeightService;
import org.weft.net.link.LinkAdminService;
import org.weft.store.IntentStore;

/**
 * Admin weights operators set, one stored document per directed link (kind {@value #KIND}, id
 * {@code srcDpid-srcPort-dstDpid-dstPort} in hex and decimal, document the weight as text, e.g.
 * {@code 7.5}). Applied at start (an unreadable one is quarantined, see {@link
 * IntentStore#quarantine}); the link service keeps a weight while its link is away and applies it
 * when the link appears again.
 */
public final class StoredLinkWeights implements LinkWeightService {

    /** Intent store kind. */
    public static final String KIND = "link-weights";

    private static final Logger log = LoggerFactory.getLogger(StoredLinkWeights.class);

    private final LinkAdminService admin;
    private final IntentStore store;
    private final Map<Link, Double> weights = new TreeMap<>();
    private final LinkValueSync<Double> sync;

    /** Loads the stored weights and applies them; unreadable ones are quarantined. */
    public StoredLinkWeights(LinkAdminService admin, IntentStore store) {
        this.admin = admin;
        this.store = store;
        this.sync =
                new LinkValueSync<>(
                        store,
                        KIND,
                        "link weight",
                        StoredLinkWeights::parseWeight,
                        admin::setAdminWeight,
                        admin::clearAdminWeight);
        sync.load(weights);
        store.watch(this::reload);
        log.info("{} stored link weights applied", weights.size());
    }

    /** Applies what another instance set or cleared, when the store says the kind changed. */
    private synchronized void reload(String kind) {
        if (KIND.equals(kind) && sync.load(weights) > 0) {
            log.info(
                    "Stored link weights changed through another instance: {} now", weights.size());
        }
    }

    private static double parseWeight(String text) {
        double w;
        try {
            w = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a number", e);
        }
        checkWeight(w);
        return w;
    }

    private static void checkWeight(double weight) {
        if (!(weight >= 0 && weight <= MAX_WEIGHT)) {
            throw new IllegalArgumentException(
                    "weight must be a number from 0 to " + (long) MAX_WEIGHT + ", not " + weight);
        }
    }

    @Override
    public synchronized void set(Link link, double weight, boolean bothDirections) {
        checkWeight(weight);
        for (Link l : directions(link, bothDirections)) {
            store.put(KIND, id(l), Double.toString(weight));
            weights.put(l, weight);
            admin.setAdminWeight(l, weight);
        }
    }

    @Override
    public synchronized boolean clear(Link link, boolean bothDirections) {
        if (!weights.containsKey(link)) {
            return false;
        }
        for (Link l : directions(link, bothDirections)) {
            if (weights.remove(l) != null) {
                store.remove(KIND, id(l));
                admin.clearAdminWeight(l);
            }
        }
        return true;
    }

    @Override
    public synchronized Optional<Double> get(Link link) {
        return Optional.ofNullable(weights.get(link));
    }

    @Override
    public synchronized Map<Link, Double> all() {
        return new TreeMap<>(weights);
    }

    private static List<Link> directions(Link link, boolean both) {
        List<Link> out = new ArrayList<>(List.of(link));
        if (both) {
            out.add(link.reverse());
        }
        return out;
    }

    static String id(Link l) {
        return String.format(
                "%016x-%d-%016x-%d",
                l.srcDpid().value(),
                l.src().port().value(),
                l.dstDpid().value(),
                l.dst().port().value());
    }

    static Link parseId(String id) {
        String[] p = id.split("-");
        if (p.length != 4) {
            throw new IllegalArgumentException("not a link id: " + id);
        }
        return Link.of(
                ConnectPoint.of(Dpid.parse(p[0]), PortNumber.of(Long.parseLong(p[1]))),
                ConnectPoint.of(Dpid.parse(p[2]), PortNumber.of(Long.parseLong(p[3]))));
    }
}
