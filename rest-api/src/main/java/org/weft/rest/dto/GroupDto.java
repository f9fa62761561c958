package org.weft.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A group on a switch. */
public record GroupDto(String dpid, int groupId, String type, List<BucketDto> buckets) {

    /** One bucket of a group. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BucketDto(int weight, Object watchPort, List<ActionDto> actions) {}
}
