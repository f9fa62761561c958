/**
 * The controller cluster as the rest of Weft sees it: which instance masters which switch ({@link
 * org.weft.net.cluster.MastershipService}) and the cluster's members ({@link
 * org.weft.net.cluster.ClusterView}). A single instance is master of every switch ({@link
 * org.weft.net.cluster.SingleNodeMastership}); the {@code cluster} module implements it on
 * ZooKeeper.
 */
package org.weft.net.cluster;
