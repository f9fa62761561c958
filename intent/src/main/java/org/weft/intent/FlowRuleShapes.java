package org.weft.intent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.weft.intent.StaticFlowCodec.Action;
import org.weft.intent.StaticFlowCodec.Match;
import org.weft.net.Ip4Prefix;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;

/**
 * Flow matches and actions to and from their stored shapes. Reading throws {@link
 * IllegalArgumentException} with a readable reason for any impossible value.
 */
final class FlowRuleShapes {

    private FlowRuleShapes() {}

    static Match match(FlowMatch m) {
        return new Match(
                m.inPort() == null ? null : StaticFlowCodec.portNode(m.inPort()),
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

    static FlowMatch match(Match m) {
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

    static Action action(FlowAction a) {
        if (a instanceof FlowAction.Output o) {
            return new Action("OUTPUT", StaticFlowCodec.portNode(o.port()), null, null, null);
        } else if (a instanceof FlowAction.ToGroup g) {
            return new Action("GROUP", null, g.groupId(), null, null);
        } else if (a instanceof FlowAction.PushVlan) {
            return new Action("PUSH_VLAN", null, null, null, null);
        } else if (a instanceof FlowAction.PopVlan) {
            return new Action("POP_VLAN", null, null, null, null);
        } else if (a instanceof FlowAction.SetVlanVid v) {
            return new Action("SET_VLAN_VID", null, null, v.vlanVid(), null);
        } else if (a instanceof FlowAction.SetEthSrc s) {
            return new Action("SET_ETH_SRC", null, null, null, s.mac().toString());
        } else if (a instanceof FlowAction.SetEthDst d) {
            return new Action("SET_ETH_DST", null, null, null, d.mac().toString());
        }
        throw new IllegalStateException("unknown action " + a);
    }

    static List<FlowAction> actions(List<Action> stored) {
        List<FlowAction> out = new ArrayList<>();
        if (stored == null) {
            return out;
        }
        for (int i = 0; i < stored.size(); i++) {
            out.add(action("actions[" + i + "]", stored.get(i)));
        }
        return out;
    }

    private static FlowAction action(String where, Action a) {
        if (a == null || a.type() == null) {
            throw new IllegalArgumentException(where + ".type is required");
        }
        FlowAction action =
                switch (a.type().toUpperCase(Locale.ROOT)) {
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
                                    where + ".type '" + a.type() + "' is not an action type");
                };
        Action canonical = action(action);
        unused(where, "port", a.port(), canonical.port());
        unused(where, "groupId", a.groupId(), canonical.groupId());
        unused(where, "vlanVid", a.vlanVid(), canonical.vlanVid());
        unused(where, "mac", a.mac(), canonical.mac());
        return action;
    }

    private static PortNumber port(String field, JsonNode n) {
        if (n.isIntegralNumber()) {
            return PortNumber.of(n.asLong());
        }
        if (n.isTextual() && !n.asText().isEmpty() && !Character.isDigit(n.asText().charAt(0))) {
            return PortNumber.parse(n.asText());
        }
        throw new IllegalArgumentException(field + " must be a port number or a reserved name");
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
        throw new IllegalArgumentException("match.ethType must be a number or a hex string");
    }

    private static <T> T need(String where, T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(where + "." + field + " is required for this type");
        }
        return value;
    }

    private static void unused(String where, String field, Object given, Object used) {
        if (given != null && used == null) {
            throw new IllegalArgumentException(
                    where + "." + field + " does not apply to this type");
        }
    }
}
