/** The failover app: failover events, timings and counters over the routing app's restorations. */
package org.weft.failover;
