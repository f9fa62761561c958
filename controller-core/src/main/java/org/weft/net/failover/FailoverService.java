package org.weft.net.failover;

import java.util.List;

/** How the fabric has healed: recent failovers with their timings, and counters. */
public interface FailoverService {

    /** The most recent failover events, newest last (bounded history). */
    List<FailoverEvent> recentEvents();

    FailoverStats stats();

    void addListener(FailoverListener listener);

    void removeListener(FailoverListener listener);
}
