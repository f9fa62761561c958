package org.weft.policy;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.weft.net.Dpid;

/**
 * Meter ids per switch: the lowest free one from 1, up to what the switch holds. Not thread-safe.
 */
final class MeterIds {

    private final Map<Dpid, BitSet> used = new HashMap<>();

    /**
     * @param max the switch's meter capacity
     * @return empty when the switch's meters are all taken
     */
    OptionalLong allocate(Dpid dpid, long max) {
        BitSet ids = used.computeIfAbsent(dpid, d -> new BitSet());
        int id = ids.nextClearBit(1);
        if (id > max) {
            return OptionalLong.empty();
        }
        ids.set(id);
        return OptionalLong.of(id);
    }

    void release(Dpid dpid, long id) {
        BitSet ids = used.get(dpid);
        if (ids != null) {
            ids.clear((int) id);
        }
    }

    boolean inUse(Dpid dpid, long id) {
        BitSet ids = used.get(dpid);
        return ids != null && ids.get((int) id);
    }
}
