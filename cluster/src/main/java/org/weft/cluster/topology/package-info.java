/**
 * The cluster-wide topology: links and hosts each instance owns (learned on the switches it
 * masters) published to ZooKeeper, and the others' fed into its link manager and host tracker, so
 * every instance plans over the same snapshot (docs/cluster.md).
 */
package org.weft.cluster.topology;
