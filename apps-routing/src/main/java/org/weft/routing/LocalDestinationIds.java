package org.weft.routing;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.weft.net.host.HostId;
import org.weft.net.routing.DestinationIds;

/**
 * Destination numbers of a single instance: counted up from 0 and around, skipping numbers in use.
 * A released number comes back only after the counter went once around {@link
 * DestinationIds#LIMIT}, so a number does not name a new host while the old host's entries may
 * still be on their way off the switches. Memory: the hosts routed now.
 */
public final class LocalDestinationIds implements DestinationIds {

    private final Map<HostId, Integer> ids = new HashMap<>();
    private final Set<Integer> inUse = new HashSet<>();
    private final int limit;
    private int next;

    public LocalDestinationIds() {
        this(LIMIT);
    }

    /** With numbers below {@code limit} only (tests of the wrap-around). */
    LocalDestinationIds(int limit) {
        this.limit = limit;
    }

    @Override
    public int idOf(HostId host) {
        Integer id = ids.get(host);
        if (id != null) {
            return id;
        }
        if (inUse.size() >= limit) {
            throw new IllegalStateException("all " + limit + " destination numbers are in use");
        }
        while (inUse.contains(next)) {
            next = (next + 1) % limit;
        }
        id = next;
        next = (next + 1) % limit;
        ids.put(host, id);
        inUse.add(id);
        return id;
    }

    @Override
    public void release(HostId host) {
        Integer id = ids.remove(host);
        if (id != null) {
            inUse.remove(id);
        }
    }
}
