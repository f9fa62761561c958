package org.weft.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One action. {@code type} is OUTPUT (with {@code port}: number or reserved name), GROUP (with
 * {@code groupId}), PUSH_VLAN, POP_VLAN, SET_VLAN_VID (with {@code vlanVid}), SET_ETH_SRC or
 * SET_ETH_DST (with {@code mac}); a field the type does not use is an error. Listings of a switch
 * with a policy stage also show METER (with {@code meterId}) and CONTINUE (go on to forwarding) in
 * table 254, the policy stage; static flows cannot use them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionDto(
        String type, JsonNode port, Integer groupId, Integer vlanVid, String mac, Long meterId) {}
