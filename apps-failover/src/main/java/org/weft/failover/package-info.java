/**
 * The failover app: local protection (backups for routing's fast-failover groups), restoration and
 * re-optimisation driven by topology changes with a bounded hold-down, and failover events, timings
 * and counters. It meets the routing app only through {@code org.weft.net.routing.plan}.
 */
package org.weft.failover;
