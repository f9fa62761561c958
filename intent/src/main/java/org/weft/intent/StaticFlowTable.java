package org.weft.intent;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.weft.net.Dpid;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowRule;
import org.weft.net.intent.StaticFlowService;

/**
 * The static flows in memory, by id and by switch, with one lock per switch for the writers that
 * must check and record together (a duplicate check and the store write). Readers take no lock.
 * Writers also share {@link #writers} while they write the store and the table together; a reload
 * from the store takes it alone, so it never sees a document written but not yet in the table.
 */
final class StaticFlowTable {

    private final Map<Long, StaticFlowEntry> byId = new ConcurrentSkipListMap<>();
    private final Map<Dpid, Map<Long, StaticFlowEntry>> bySwitch = new ConcurrentHashMap<>();
    private final Map<Dpid, Object> locks = new ConcurrentHashMap<>();
    private final ReadWriteLock writers = new ReentrantReadWriteLock();

    /** Shared (read lock) by writers of the store and the table, exclusive for a reload. */
    ReadWriteLock writers() {
        return writers;
    }

    /** The lock of one switch's static flows; never held while waiting for a switch. */
    Object lockOf(Dpid dpid) {
        return locks.computeIfAbsent(dpid, d -> new Object());
    }

    void put(StaticFlowEntry f) {
        byId.put(f.id(), f);
        bySwitch.computeIfAbsent(f.dpid(), d -> new ConcurrentSkipListMap<>()).put(f.id(), f);
    }

    /** Removes this very flow; false when it was removed already. */
    boolean remove(StaticFlowEntry f) {
        if (!byId.remove(f.id(), f)) {
            return false;
        }
        Map<Long, StaticFlowEntry> mine = bySwitch.get(f.dpid());
        if (mine != null) {
            mine.remove(f.id(), f);
        }
        return true;
    }

    boolean contains(StaticFlowEntry f) {
        return byId.get(f.id()) == f;
    }

    Optional<StaticFlowEntry> get(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The flow a cookie names, if it is a static flow's. */
    Optional<StaticFlowEntry> byCookie(long cookie) {
        if (Cookies.appId(cookie) != StaticFlowService.APP_ID) {
            return Optional.empty();
        }
        return get(cookie & StaticFlowIds.MAX_ID);
    }

    /** Another flow of the switch with the same table, priority and match. */
    Optional<StaticFlowEntry> sameEntry(FlowRule rule) {
        return onSwitch(rule.dpid()).stream()
                .filter(
                        f ->
                                f.rule().tableId() == rule.tableId()
                                        && f.rule().priority() == rule.priority()
                                        && f.rule().match().equals(rule.match()))
                .findFirst();
    }

    /** Every flow, by id. */
    List<StaticFlowEntry> all() {
        return List.copyOf(byId.values());
    }

    List<StaticFlowEntry> onSwitch(Dpid dpid) {
        Map<Long, StaticFlowEntry> mine = bySwitch.get(dpid);
        return mine == null ? List.of() : List.copyOf(mine.values());
    }

    int size() {
        return byId.size();
    }
}
