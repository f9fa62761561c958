package org.weft.intent;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Link;
import org.weft.store.IntentStore;
import org.weft.store.StoreException;

/**
 * Brings a per-link value (an admin weight, a capacity) held in memory and applied to the link
 * service to what the store holds: at start, and whenever the store says the kind changed (another
 * instance of a cluster set or cleared one). Unreadable documents are quarantined.
 *
 * @param <V> the value
 */
final class LinkValueSync<V> {

    private static final Logger log = LoggerFactory.getLogger(LinkValueSync.class);

    private final IntentStore store;
    private final String kind;
    private final String what;
    private final Function<String, V> parse;
    private final BiConsumer<Link, V> apply;
    private final Consumer<Link> clear;

    /**
     * @param what names one value in log lines ("link weight")
     * @param parse reads a document; throws {@link IllegalArgumentException} when it cannot
     * @param apply sets a value on the link service
     * @param clear removes a value from the link service
     */
    LinkValueSync(
            IntentStore store,
            String kind,
            String what,
            Function<String, V> parse,
            BiConsumer<Link, V> apply,
            Consumer<Link> clear) {
        this.store = store;
        this.kind = kind;
        this.what = what;
        this.parse = parse;
        this.apply = apply;
        this.clear = clear;
    }

    /**
     * Makes {@code held} (and the link service) equal to the store; the caller holds the lock its
     * writers hold.
     *
     * @return how many values changed
     * @throws StoreException when the store cannot be read (nothing changes)
     */
    int load(Map<Link, V> held) {
        Map<Link, V> stored = new TreeMap<>();
        for (var e : store.list(kind).entrySet()) {
            try {
                stored.put(StoredLinkWeights.parseId(e.getKey()), parse.apply(e.getValue()));
            } catch (IllegalArgumentException ex) {
                quarantine(e.getKey(), ex.getMessage());
            }
        }
        int changed = 0;
        for (var e : stored.entrySet()) {
            if (!e.getValue().equals(held.get(e.getKey()))) {
                held.put(e.getKey(), e.getValue());
                apply.accept(e.getKey(), e.getValue());
                changed++;
            }
        }
        for (Link l : List.copyOf(held.keySet())) {
            if (!stored.containsKey(l)) {
                held.remove(l);
                clear.accept(l);
                changed++;
            }
        }
        return changed;
    }

    private void quarantine(String id, String reason) {
        try {
            store.quarantine(kind, id, what + " " + id + " is unreadable: " + reason);
        } catch (StoreException e) {
            log.error(
                    "{} {} is unreadable ({}), and stays where it is, ignored",
                    what,
                    id,
                    reason,
                    e);
        }
    }
}
