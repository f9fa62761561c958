package org.weft.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.weft.net.Ip4Prefix;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.Group;

/**
 * Converts flow matches, actions and groups between their JSON shapes and the core domain. Reading
 * throws {@link IllegalArgumentException} with a readable reason for any impossible value.
 */
public final class FlowDtos {

    private FlowDtos() {}

    /** A port as JSON: the number, or the name of a reserved port. */
    public static Object portJson(PortNumber p) {
        return p.isReserved() ? p.toString() : p.value();
    }

    /** A port from JSON: a non-negative integer or a reserved port name. */
    public static PortNumber port(String field, JsonNode n) {
        if (n.isIntegralNumber()) {
            return PortNumber.of(n.asLong());
        }
        if (n.isTextual()) {
            String t = n.asText();
            if (!t.isEmpty() && Character.isDigit(t.charAt(0))) {
                throw new IllegalArgumentException(field + " must be a JSON number, not a string");
            }
            return PortNumber.parse(t);
        }
        throw new IllegalArgumentException(field + " must be a port number or a reserved name");
    }

    public static FlowMatch match(MatchDto m) {
        if (m == null) {
            return FlowMatch.ANY;
        }
        return FlowMatch.builder()
                .inPort(m.inPort() == null ? null : port("match.inPort", m.inPort()))
                .ethSrc(m.ethSrc() == null ? null : MacAddress.parse(m.ethSrc()))
                .ethDst(m.ethDst() == null ? null : MacAddress.parse(m.ethDst()))
                .ethType(m.ethType() == null ? null : ethType(m.ethType()))
                .vlanVid(m.vlanVid())
                .ipProto(m.ipProto())
                .ipv4Src(m.ipv4Src() == null ? null : Ip4Prefix.parse(m.ipv4Src()))
                .ipv4Dst(m.ipv4Dst() == null ? null : Ip4Prefix.parse(m.ipv4Dst()))
                .tcpSrc(m.tcpSrc())
                .tcpDst(m.tcpDst())
                .udpSrc(m.udpSrc())
                .udpDst(m.udpDst())
                .build();
    }

    private static int ethType(JsonNode n) {
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return n.asInt();
        }
        String t = n.isTextual() ? n.asText().trim().toLowerCase(Locale.ROOT) : "";
        if (t.startsWith("0x") && t.length() > 2 && t.length() <= 6) {
            try {
                return Integer.parseInt(t.substring(2), 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("match.ethType '" + t + "' is not hex", e);
            }
        }
        throw new IllegalArgumentException(
                "match.ethType must be a number or a hex string such as \"0x0800\"");
    }

    public static MatchDto matchDto(FlowMatch m) {
        return new MatchDto(
                m.inPort() == null ? null : portNode(m.inPort()),
                m.ethSrc() == null ? null : m.ethSrc().toString(),
                m.ethDst() == null ? null : m.ethDst().toString(),
                m.ethType() == null ? null : JsonNodeFactory.instance.numberNode(m.ethType()),
                m.vlanVid(),
                m.ipProto(),
                m.ipv4Src() == null ? null : m.ipv4Src().toString(),
                m.ipv4Dst() == null ? null : m.ipv4Dst().toString(),
                m.tcpSrc(),
                m.tcpDst(),
                m.udpSrc(),
                m.udpDst());
    }

    private static JsonNode portNode(PortNumber p) {
        return p.isReserved()
                ? JsonNodeFactory.instance.textNode(p.toString())
                : JsonNodeFactory.instance.numberNode(p.value());
    }

    public static List<FlowAction> actions(List<ActionDto> dtos) {
        List<FlowAction> out = new ArrayList<>();
        if (dtos == null) {
            return out;
        }
        for (int i = 0; i < dtos.size(); i++) {
            out.add(action("actions[" + i + "]", dtos.get(i)));
        }
        return out;
    }

    private static FlowAction action(String where, ActionDto a) {
        if (a == null || a.type() == null) {
            throw new IllegalArgumentException(where + ".type is required");
        }
        String type = a.type().toUpperCase(Locale.ROOT);
        FlowAction action =
                switch (type) {
                    case "OUTPUT" ->
                            FlowAction.output(port(where + ".port", need(where, a.port(), "port")));
                    case "GROUP" -> FlowAction.group(need(where, a.groupId(), "groupId"));
                    case "PUSH_VLAN" -> new FlowAction.PushVlan();
                    case "POP_VLAN" -> new FlowAction.PopVlan();
                    case "SET_VLAN_VID" ->
                            new FlowAction.SetVlanVid(need(where, a.vlanVid(), "vlanVid"));
                    case "SET_ETH_SRC" ->
                            new FlowAction.SetEthSrc(MacAddress.parse(need(where, a.mac(), "mac")));
                    case "SET_ETH_DST" ->
                            new FlowAction.SetEthDst(MacAddress.parse(need(where, a.mac(), "mac")));
                    default ->
                            throw new IllegalArgumentException(
                                    where
                                            + ".type '"
                                            + a.type()
                                            + "' is not one of OUTPUT, GROUP,"
                                            + " PUSH_VLAN, POP_VLAN, SET_VLAN_VID, SET_ETH_SRC, SET_ETH_DST");
                };
        ActionDto canonical = actionDto(action);
        checkUnused(where, "port", a.port(), canonical.port());
        checkUnused(where, "groupId", a.groupId(), canonical.groupId());
        checkUnused(where, "vlanVid", a.vlanVid(), canonical.vlanVid());
        checkUnused(where, "mac", a.mac(), canonical.mac());
        checkUnused(where, "meterId", a.meterId(), canonical.meterId());
        return action;
    }

    private static <T> T need(String where, T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(where + "." + field + " is required for this type");
        }
        return value;
    }

    private static void checkUnused(String where, String field, Object given, Object used) {
        if (given != null && used == null) {
            throw new IllegalArgumentException(
                    where + "." + field + " does not apply to this type");
        }
    }

    public static List<ActionDto> actionDtos(List<FlowAction> actions) {
        return actions.stream().map(FlowDtos::actionDto).toList();
    }

    public static ActionDto actionDto(FlowAction a) {
        if (a instanceof FlowAction.Output o) {
            return new ActionDto("OUTPUT", portNode(o.port()), null, null, null, null);
        } else if (a instanceof FlowAction.ToGroup g) {
            return new ActionDto("GROUP", null, g.groupId(), null, null, null);
        } else if (a instanceof FlowAction.PushVlan) {
            return new ActionDto("PUSH_VLAN", null, null, null, null, null);
        } else if (a instanceof FlowAction.PopVlan) {
            return new ActionDto("POP_VLAN", null, null, null, null, null);
        } else if (a instanceof FlowAction.SetVlanVid v) {
            return new ActionDto("SET_VLAN_VID", null, null, v.vlanVid(), null, null);
        } else if (a instanceof FlowAction.SetEthSrc s) {
            return new ActionDto("SET_ETH_SRC", null, null, null, s.mac().toString(), null);
        } else if (a instanceof FlowAction.SetEthDst d) {
            return new ActionDto("SET_ETH_DST", null, null, null, d.mac().toString(), null);
        } else if (a instanceof FlowAction.Meter m) {
            return new ActionDto("METER", null, null, null, null, m.meterId());
        } else if (a instanceof FlowAction.Continue) {
            return new ActionDto("CONTINUE", null, null, null, null, null);
        }
        throw new IllegalStateException("unknown action " + a);
    }

    public static GroupDto groupDto(Group g) {
        return new GroupDto(
                g.dpid().toString(),
                g.groupId(),
                g.type().name(),
                g.buckets().stream()
                        .map(
                                b ->
                                        new GroupDto.BucketDto(
                                                b.weight(),
                                                b.watchPort() == null
                                                        ? null
                                                        : portJson(b.watchPort()),
                                                actionDtos(b.actions())))
                        .toList());
    }
}
