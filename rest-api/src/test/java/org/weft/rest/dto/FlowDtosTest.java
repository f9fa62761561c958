package org.weft.rest.dto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weft.net.Ip4Prefix;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.rest.Json;

class FlowDtosTest {

    private final ObjectMapper mapper = Json.strictMapper();

    @Test
    void everyMatchFieldAndActionSurvivesAJsonRoundTrip() throws Exception {
        FlowMatch match =
                FlowMatch.builder()
                        .inPort(PortNumber.LOCAL)
                        .ethSrc(MacAddress.parse("0a:00:00:00:00:01"))
                        .ethDst(MacAddress.parse("0a:00:00:00:00:02"))
                        .ethType(0x0800)
                        .vlanVid(10)
                        .ipProto(17)
                        .ipv4Src(Ip4Prefix.parse("10.0.0.0/24"))
                        .ipv4Dst(Ip4Prefix.parse("10.0.1.1"))
                        .udpSrc(53)
                        .udpDst(5353)
                        .build();
        List<FlowAction> actions =
                List.of(
                        new FlowAction.PushVlan(),
                        new FlowAction.SetVlanVid(20),
                        new FlowAction.SetEthSrc(MacAddress.parse("0a:00:00:00:00:09")),
                        new FlowAction.SetEthDst(MacAddress.parse("0a:00:00:00:00:08")),
                        new FlowAction.PopVlan(),
                        FlowAction.group(3),
                        FlowAction.output(PortNumber.CONTROLLER),
                        FlowAction.output(2));

        String json =
                mapper.writeValueAsString(
                        List.of(FlowDtos.matchDto(match), FlowDtos.actionDtos(actions)));
        var tree = mapper.readTree(json);
        MatchDto m = mapper.treeToValue(tree.get(0), MatchDto.class);
        ActionDto[] a = mapper.treeToValue(tree.get(1), ActionDto[].class);

        assertThat(FlowDtos.match(m)).isEqualTo(match);
        assertThat(FlowDtos.actions(List.of(a))).isEqualTo(actions);
        assertThat(json).contains("\"inPort\":\"LOCAL\"").doesNotContain("null");
    }

    @Test
    void ethTypeIsANumberOrAHexString() {
        var nodes = mapper.getNodeFactory();
        MatchDto hex =
                new MatchDto(
                        null,
                        null,
                        null,
                        nodes.textNode("0x88cc"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
        assertThat(FlowDtos.match(hex).ethType()).isEqualTo(0x88cc);
        MatchDto bad =
                new MatchDto(
                        null,
                        null,
                        null,
                        nodes.textNode("2048"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
        assertThatThrownBy(() -> FlowDtos.match(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void actionsRejectFieldsTheirTypeDoesNotUse() {
        var port = mapper.getNodeFactory().numberNode(1);
        assertThatThrownBy(
                        () ->
                                FlowDtos.actions(
                                        List.of(
                                                new ActionDto(
                                                        "POP_VLAN", port, null, null, null, null))))
                .hasMessageContaining("actions[0].port does not apply");
        assertThatThrownBy(
                        () ->
                                FlowDtos.actions(
                                        List.of(
                                                new ActionDto(
                                                        "GROUP", null, null, null, null, null))))
                .hasMessageContaining("groupId is required");
        assertThat(FlowDtos.actions(List.of(new ActionDto("output", port, null, null, null, null))))
                .containsExactly(FlowAction.output(1));
    }
}
