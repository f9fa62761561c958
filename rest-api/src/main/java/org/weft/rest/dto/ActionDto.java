package org.weft.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One action. {@code type} is OUTPUT (with {@code port}: number or reserved name), GROUP (with
 * {@code groupId}), PUSH_VLAN, POP_VLAN, SET_VLAN_VID (with {@code vlanVid}), SET_ETH_SRC or
 * SET_ETH_DST (with {@code mac}); a field the type does not use is an error.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionDto(String type, JsonNode port, Integer groupId, Integer vlanVid, String mac) {}
