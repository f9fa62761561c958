package org.weft.rest.dto;

import java.util.List;

/**
 * The topology snapshot in numbers, its components and its broadcast tree.
 *
 * @param version the snapshot version
 */
public record TopologyDto(
        long version,
        int switchCount,
        int linkCount,
        int hostCount,
        List<Component> components,
        List<LinkRefDto> treeLinks) {

    /** A connected component: its id (smallest switch) and its switches. */
    public record Component(String id, List<String> switches) {}
}
