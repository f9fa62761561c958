package org.weft.intent;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowRule;
import org.weft.store.IntentStore;
import org.weft.store.StoreException;

/**
 * Brings the static flow table to what the store holds: at start, and whenever the store says the
 * kind changed (another instance of a cluster added or deleted one). Static flows never change
 * after they are recorded and their ids are never reused, so a document is either in the table or
 * not; an unreadable one is quarantined, and so is the later of two with the same switch, priority
 * and match.
 */
final class StaticFlowLoader {

    private static final Logger log = LoggerFactory.getLogger(StaticFlowLoader.class);

    private final IntentStore store;
    private final StaticFlowTable table;

    StaticFlowLoader(IntentStore store, StaticFlowTable table) {
        this.store = store;
        this.table = table;
    }

    /**
     * Adds the stored flows the table lacks and drops the ones the store no longer has, excluding
     * writers meanwhile ({@link StaticFlowTable#writers}).
     *
     * @return the switches whose flows changed
     * @throws StoreException when the store cannot be read (the table is left as it was)
     */
    Set<Dpid> load() {
        Set<Dpid> changed = new TreeSet<>();
        table.writers().writeLock().lock();
        try {
            Map<String, String> docs = store.list(StaticFlowManager.KIND);
            for (Map.Entry<String, String> doc : docs.entrySet()) {
                String id = doc.getKey();
                try {
                    long number = StaticFlowIds.parse(id);
                    if (table.get(number).isPresent()) {
                        continue;
                    }
                    FlowRule rule = StaticFlowCodec.decode(id, doc.getValue());
                    if (keepsTheLowerId(number, rule)) {
                        table.put(StaticFlowEntry.loaded(number, rule));
                        changed.add(rule.dpid());
                    }
                } catch (IllegalArgumentException e) {
                    quarantine(id, "static flow " + id + " is unreadable: " + e.getMessage());
                }
            }
            for (StaticFlowEntry f : table.all()) {
                if (!docs.containsKey(Long.toString(f.id())) && table.remove(f)) {
                    log.info("Static flow {} was deleted through another instance", f.id());
                    changed.add(f.dpid());
                }
            }
        } finally {
            table.writers().writeLock().unlock();
        }
        return changed;
    }

    /**
     * Two instances of a cluster may record flows with the same switch, priority and match at the
     * same moment, each before hearing of the other's: every instance keeps the one with the lower
     * id and quarantines the other, so they all end up with the same one.
     *
     * @return whether the flow {@code number} is the one to keep
     */
    private boolean keepsTheLowerId(long number, FlowRule rule) {
        var same = table.sameEntry(rule);
        if (same.isEmpty()) {
            return true;
        }
        StaticFlowEntry other = same.get();
        long loser = Math.max(number, other.id());
        long winner = Math.min(number, other.id());
        if (loser == other.id()) {
            table.remove(other);
            log.info("Static flow {} dropped: {} has its match and the lower id", loser, winner);
        }
        quarantine(
                Long.toString(loser),
                "static flow "
                        + winner
                        + " has the same switch, priority and match (written at the same time"
                        + " through another instance) and the lower id");
        return loser == other.id();
    }

    private void quarantine(String id, String reason) {
        try {
            store.quarantine(StaticFlowManager.KIND, id, reason);
        } catch (StoreException e) {
            log.error("{}; it stays where it is, ignored", reason, e);
        }
    }
}
