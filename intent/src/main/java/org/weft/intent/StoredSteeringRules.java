package org.weft.intent;

import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.intent.SteeringRuleStore;
import org.weft.net.steering.SteeringRequest;
import org.weft.store.IntentStore;
import org.weft.store.StoreException;

/**
 * Steering rules in the {@link IntentStore}: kind {@value SteeringCodec#KIND}, id the rule's number
 * (from the store's durable counter, never reused), document a {@link SteeringCodec} text.
 */
public final class StoredSteeringRules implements SteeringRuleStore {

    private static final Logger log = LoggerFactory.getLogger(StoredSteeringRules.class);

    private final IntentStore store;

    public StoredSteeringRules(IntentStore store) {
        this.store = store;
    }

    @Override
    public SortedMap<Long, SteeringRequest> load() {
        SortedMap<Long, SteeringRequest> rules = new TreeMap<>();
        for (var e : store.list(SteeringCodec.KIND).entrySet()) {
            try {
                rules.put(Long.parseLong(e.getKey()), SteeringCodec.decode(e.getValue()));
            } catch (RuntimeException ex) {
                quarantine(e.getKey(), ex.toString());
            }
        }
        return rules;
    }

    private void quarantine(String id, String reason) {
        try {
            store.quarantine(SteeringCodec.KIND, id, reason);
        } catch (StoreException e) {
            log.error(
                    "Steering rule {} is unreadable ({}), and stays where it is, ignored",
                    id,
                    reason,
                    e);
        }
    }

    @Override
    public long add(SteeringRequest request) {
        long n = store.nextId(SteeringCodec.KIND);
        store.put(SteeringCodec.KIND, Long.toString(n), SteeringCodec.encode(request));
        return n;
    }

    @Override
    public boolean remove(long number) {
        return store.remove(SteeringCodec.KIND, Long.toString(number));
    }

    @Override
    public void watch(Runnable changed) {
        store.watch(
                kind -> {
                    if (SteeringCodec.KIND.equals(kind)) {
                        changed.run();
                    }
                });
    }
}
