package org.weft.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.rest.RestTestBed.Reply;

class SwitchRoutesIT {

    @TempDir Path dir;

    @Test
    void switchesAndTheirPortsWithStateSpeedAndCounters() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            assertThat(bed.get("/api/v1/switches").json()).isEmpty();
            bed.connect(2);
            EmulatedSwitch sw = bed.connect(1);
            sw.setPortLive(PortNumber.of(4), false);
            RestTestBed.waitUntil(
                    () ->
                            !bed.controller
                                    .deviceService()
                                    .getDevice(sw.dpid())
                                    .orElseThrow()
                                    .port(PortNumber.of(4))
                                    .orElseThrow()
                                    .linkUp(),
                    java.time.Duration.ofSeconds(5));

            Reply all = bed.get("/api/v1/switches");
            assertThat(all.status()).isEqualTo(200);
            assertThat(all.json()).hasSize(2);
            assertThat(all.json().get(0).get("dpid").asText()).isEqualTo("00:00:00:00:00:00:00:01");
            assertThat(all.json().get(0).get("protocol").asText()).isEqualTo("OF_13");
            assertThat(all.json().get(0).get("portCount").asInt()).isEqualTo(4);
            assertThat(all.json().get(0).get("channel").get("packetInsDropped").asLong()).isZero();
            assertThat(all.json().get(0).get("channel").has("outboundBytes")).isTrue();

            for (String form :
                    List.of("00:00:00:00:00:00:00:01", "0000000000000001", "of:0000000000000001")) {
                Reply one = bed.get("/api/v1/switches/" + form);
                assertThat(one.status()).as(form).isEqualTo(200);
                assertThat(one.json().get("ports")).hasSize(4);
            }

            Reply ports = bed.get("/api/v1/switches/0000000000000001/ports");
            assertThat(ports.status()).isEqualTo(200);
            assertThat(ports.json()).hasSize(4);
            assertThat(ports.json().get(0).get("port").asInt()).isEqualTo(1);
            assertThat(ports.json().get(0).get("speedMbps").asLong()).isEqualTo(10_000);
            assertThat(ports.json().get(0).get("live").asBoolean()).isTrue();
            assertThat(ports.json().get(0).get("stats").has("rxPackets")).isTrue();
            assertThat(ports.json().get(3).get("linkUp").asBoolean()).isFalse();

            Reply stats = bed.get("/api/v1/stats/ports?dpid=0000000000000001");
            assertThat(stats.status()).isEqualTo(200);
            assertThat(stats.json()).isNotEmpty();
            assertThat(stats.json().get(0).has("txBytes")).isTrue();
        }
    }

    @Test
    void unknownSwitchesAre404AndMalformedDpidsAre400() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            bed.connect(1);
            for (String path :
                    List.of(
                            "/api/v1/switches/0000000000000009",
                            "/api/v1/switches/0000000000000009/ports",
                            "/api/v1/flows?dpid=0000000000000009",
                            "/api/v1/groups?dpid=0000000000000009",
                            "/api/v1/stats/ports?dpid=0000000000000009",
                            "/api/v1/no-such-route")) {
                Reply r = bed.get(path);
                assertThat(r.status()).as(path).isEqualTo(404);
                assertThat(r.json().get("error").asText()).as(path).isEqualTo("not found");
                assertThat(r.json().has("detail")).isTrue();
            }
            for (String path :
                    List.of(
                            "/api/v1/switches/banana",
                            "/api/v1/flows?dpid=1",
                            "/api/v1/flows",
                            "/api/v1/groups",
                            "/api/v1/stats/ports?dpid=")) {
                Reply r = bed.get(path);
                assertThat(r.status()).as(path).isEqualTo(400);
                assertThat(r.json().get("error").asText()).isEqualTo("bad request");
            }
        }
    }

    @Test
    void groupsComeFromTheSwitch() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            EmulatedSwitch sw = bed.connect(1);
            assertThat(bed.get("/api/v1/groups?dpid=0000000000000001").json()).isEmpty();
            Group ff =
                    new Group(
                            sw.dpid(),
                            7,
                            Group.Type.FAST_FAILOVER,
                            List.of(
                                    new Group.Bucket(
                                            0, PortNumber.of(1), List.of(FlowAction.output(1))),
                                    new Group.Bucket(
                                            0, PortNumber.of(2), List.of(FlowAction.output(2)))));
            bed.controller
                    .groupService()
                    .applyGroups(
                            sw.dpid(), List.of(new GroupOperation(GroupOperation.Type.ADD, ff)))
                    .get(5, TimeUnit.SECONDS);

            Reply groups = bed.get("/api/v1/groups?dpid=0000000000000001");
            assertThat(groups.status()).isEqualTo(200);
            assertThat(groups.json()).hasSize(1);
            assertThat(groups.json().get(0).get("groupId").asInt()).isEqualTo(7);
            assertThat(groups.json().get(0).get("type").asText()).isEqualTo("FAST_FAILOVER");
            assertThat(groups.json().get(0).get("buckets").get(1).get("watchPort").asInt())
                    .isEqualTo(2);

            Reply toGroup =
                    bed.post(
                            "/api/v1/flows",
                            "{\"dpid\":\"0000000000000001\",\"priority\":9,"
                                    + "\"actions\":[{\"type\":\"GROUP\",\"groupId\":7}]}");
            assertThat(toGroup.status()).as(toGroup.body()).isEqualTo(201);
        }
    }
}
