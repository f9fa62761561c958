package org.weft.intent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Link;
import org.weft.net.intent.LinkCapacityService;
import org.weft.net.link.LinkAdminService;
import org.weft.store.IntentStore;

/**
 * Capacities operators set, one stored document per directed link (kind {@value #KIND}, id as
 * {@link StoredLinkWeights}' ids, document the capacity in Mbit/s as text, e.g. {@code 100}).
 * Applied at start (an unreadable one is quarantined); the link service keeps a capacity while its
 * link is away.
 */
public final class StoredLinkCapacities implements LinkCapacityService {

    /** Intent store kind. */
    public static final String KIND = "link-capacities";

    private static final Logger log = LoggerFactory.getLogger(StoredLinkCapacities.class);

    private final LinkAdminService admin;
    private final IntentStore store;
    private final Map<Link, Long> capacities = new TreeMap<>();
    private final LinkValueSync<Long> sync;

    /** Loads the stored capacities and applies them; unreadable ones are quarantined. */
    public StoredLinkCapacities(LinkAdminService admin, IntentStore store) {
        this.admin = admin;
        this.store = store;
        this.sync =
                new LinkValueSync<>(
                        store,
                        KIND,
                        "link capacity",
                        StoredLinkCapacities::parseCapacity,
                        admin::setCapacityOverride,
                        admin::clearCapacityOverride);
        sync.load(capacities);
        store.watch(this::reload);
        log.info("{} stored link capacities applied", capacities.size());
    }

    /** Applies what another instance set or cleared, when the store says the kind changed. */
    private synchronized void reload(String kind) {
        if (KIND.equals(kind) && sync.load(capacities) > 0) {
            log.info(
                    "Stored link capacitys changed through another instance: {} now",
                    capacities.size());
        }
    }

    private static long parseCapacity(String text) {
        long mbps;
        try {
            mbps = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a whole number", e);
        }
        checkCapacity(mbps);
        return mbps;
    }

    private static void checkCapacity(long mbps) {
        if (mbps < 1 || mbps > MAX_CAPACITY_MBPS) {
            throw new IllegalArgumentException(
                    "capacityMbps must be from 1 to " + MAX_CAPACITY_MBPS + ", not " + mbps);
        }
    }

    @Override
    public synchronized void set(Link link, long capacityMbps, boolean bothDirections) {
        checkCapacity(capacityMbps);
        for (Link l : directions(link, bothDirections)) {
            store.put(KIND, StoredLinkWeights.id(l), Long.toString(capacityMbps));
            capacities.put(l, capacityMbps);
            admin.setCapacityOverride(l, capacityMbps);
        }
    }

    @Override
    public synchronized boolean clear(Link link, boolean bothDirections) {
        if (!capacities.containsKey(link)) {
            return false;
        }
        for (Link l : directions(link, bothDirections)) {
            if (capacities.remove(l) != null) {
                store.remove(KIND, StoredLinkWeights.id(l));
                admin.clearCapacityOverride(l);
            }
        }
        return true;
    }

    @Override
    public synchronized Optional<Long> get(Link link) {
        return Optional.ofNullable(capacities.get(link));
    }

    @Override
    public synchronized Map<Link, Long> all() {
        return new TreeMap<>(capacities);
    }

    private static List<Link> directions(Link link, boolean both) {
        List<Link> out = new ArrayList<>(List.of(link));
        if (both) {
            out.add(link.reverse());
        }
        return out;
    }
}
