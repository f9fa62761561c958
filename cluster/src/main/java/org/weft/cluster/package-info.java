/**
 * The controller cluster on ZooKeeper through Curator: membership (an ephemeral znode per
 * instance), which instance sees which switch, an elected leader that assigns every switch a master
 * among the live instances that see it (balanced within one switch), and the mastership each
 * instance reads back. See docs/cluster.md.
 */
package org.weft.cluster;
