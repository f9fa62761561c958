package org.weft.rest.dto;

import java.util.List;

/**
 * A learned host.
 *
 * @param vlan null when untagged
 */
public record HostDto(
        String mac,
        Integer vlan,
        List<String> ips,
        LinkEndDto location,
        long firstSeenMillis,
        long lastSeenMillis) {}
