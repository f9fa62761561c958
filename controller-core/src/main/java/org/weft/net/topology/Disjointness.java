package org.weft.net.topology;

/** How far apart the two paths of a {@link DisjointPathPair} must be. */
public enum Disjointness {
    /**
     * No cable in common: neither path uses a link, or its reverse, that the other uses. The paths
     * may meet at switches.
     */
    LINK,
    /** No switch in common except the two ends (which implies no common cable). */
    NODE
}
