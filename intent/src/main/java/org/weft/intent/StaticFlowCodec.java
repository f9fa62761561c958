package org.weft.intent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowRule;

/**
 * A static flow as the intent store keeps it (kind {@value StaticFlowManager#KIND}, one JSON
 * document per id): the flow's rule in the shape REST shows it, e.g. {@code
 * {"id":"4","dpid":"00:00:00:00:00:00:00:01","priority":10,"match":{"inPort":1},
 * "actions":[{"type":"OUTPUT","port":2}],"idleTimeout":0,"hardTimeout":0,
 * "cookie":"0x0010000000000004"}}. The format is the one Weft has always written; {@code
 * installed}, written by early versions, is ignored when read.
 */
final class StaticFlowCodec {

    /** The document: {@code cookie} is for people reading the file, the id decides it. */
    @JsonIgnoreProperties(value = "installed")
    record Document(
            String id,
            String dpid,
            int priority,
            Match match,
            List<Action> actions,
            int idleTimeout,
            int hardTimeout,
            String cookie) {}

    /** A match; an absent field is a wildcard. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Match(
            JsonNode inPort,
            String ethSrc,
            String ethDst,
            JsonNode ethType,
            Integer vlanVid,
            Integer ipProto,
            String ipv4Src,
            String ipv4Dst,
            Integer tcpSrc,
            Integer tcpDst,
            Integer udpSrc,
            Integer udpDst) {}

    /** One action, by {@code type} with the field it uses. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Action(String type, JsonNode port, Integer groupId, Integer vlanVid, String mac) {}

    private StaticFlowCodec() {}

    /** The document of a flow (its rule carries its cookie). */
    static String encode(long id, FlowRule rule) {
        Document d =
                new Document(
                        Long.toString(id),
                        rule.dpid().toString(),
                        rule.priority(),
                        FlowRuleShapes.match(rule.match()),
                        rule.actions().stream().map(FlowRuleShapes::action).toList(),
                        rule.idleTimeout(),
                        rule.hardTimeout(),
                        StaticFlowIds.cookieText(id));
        try {
            return IntentJson.MAPPER.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("static flow " + id + " cannot be written", e);
        }
    }

    /**
     * The rule a stored document holds.
     *
     * @param key the document's id in the store, which must be its {@code id}
     * @throws IllegalArgumentException saying why the document is not a static flow
     */
    static FlowRule decode(String key, String json) {
        Document d;
        try {
            d = IntentJson.MAPPER.readValue(json, Document.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a static flow: " + e.getOriginalMessage(), e);
        }
        if (d == null || !key.equals(d.id())) {
            throw new IllegalArgumentException(
                    "its id " + (d == null ? null : d.id()) + " is not its key " + key);
        }
        return FlowRule.builder(Dpid.parse(d.dpid()))
                .priority(d.priority())
                .match(FlowRuleShapes.match(d.match()))
                .actions(FlowRuleShapes.actions(d.actions()))
                .idleTimeout(d.idleTimeout())
                .hardTimeout(d.hardTimeout())
                .cookie(StaticFlowIds.cookie(StaticFlowIds.parse(d.id())))
                .build();
    }

    static JsonNode portNode(org.weft.net.PortNumber p) {
        return p.isReserved()
                ? JsonNodeFactory.instance.textNode(p.toString())
                : JsonNodeFactory.instance.numberNode(p.value());
    }
}
