/** Failover as operators see it: events with timings and counters. */
package org.weft.net.failover;
