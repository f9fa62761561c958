package org.weft.net.host.impl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.host.HostId;
import org.weft.util.LogThrottles;

/**
 * The host table's places ({@link HostTableLimits}): in all, and per edge switch, so a switch
 * spoofing source MACs cannot take the table from the others. A place is reserved before a host is
 * added (or moved to another switch) and released when it goes, lock-free; a refusal is counted and
 * logged at most once per switch per interval, with a count. Thread-safe.
 */
final class HostTableBudget {

    private static final Logger log = LoggerFactory.getLogger(HostTracker.class);

    private final HostTableLimits limits;
    private final AtomicInteger hostCount = new AtomicInteger();
    private final Map<Dpid, AtomicInteger> hostsPerSwitch = new ConcurrentHashMap<>();
    private final LongAdder refused = new LongAdder();
    private final LogThrottles<Dpid> refusedWarnings;

    HostTableBudget(HostTableLimits limits, LogThrottles<Dpid> refusedWarnings) {
        this.limits = limits;
        this.refusedWarnings = refusedWarnings;
    }

    /**
     * Takes a place for a host at the switch (and in all, for a new host); refuses, counts and logs
     * (rate-limited, per switch) when the table or the switch's share of it is full.
     */
    boolean reserve(HostId id, ConnectPoint at, boolean newHost) {
        if (newHost && hostCount.incrementAndGet() > limits.maxHosts()) {
            hostCount.decrementAndGet();
            return refuse(id, at, "the host table is full (" + limits.maxHosts() + " hosts)");
        }
        AtomicInteger onSwitch =
                hostsPerSwitch.computeIfAbsent(at.dpid(), d -> new AtomicInteger());
        if (onSwitch.incrementAndGet() > limits.maxHostsPerSwitch()) {
            onSwitch.decrementAndGet();
            if (newHost) {
                hostCount.decrementAndGet();
            }
            return refuse(
                    id,
                    at,
                    "switch "
                            + at.dpid()
                            + " has "
                            + limits.maxHostsPerSwitch()
                            + " hosts already");
        }
        return true;
    }

    /** Gives back a place taken with {@link #reserve}. */
    void release(Dpid dpid, boolean host) {
        if (host) {
            hostCount.decrementAndGet();
        }
        AtomicInteger onSwitch = hostsPerSwitch.get(dpid);
        if (onSwitch != null) {
            onSwitch.decrementAndGet();
        }
    }

    private boolean refuse(HostId id, ConnectPoint at, String why) {
        refused.increment();
        long left = refusedWarnings.admit(at.dpid());
        if (left >= 0) {
            log.warn(
                    "Host {} at {} not learned: {} ({} more refused on this switch since the last"
                            + " line)",
                    id,
                    at,
                    why,
                    left);
        }
        return false;
    }

    /** Hosts not learned (or not moved) because the table or their switch's share was full. */
    long refusedCount() {
        return refused.sum();
    }
}
