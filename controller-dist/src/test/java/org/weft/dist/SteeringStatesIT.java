package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.weft.dist.RoutingIT.TestHost;
import org.weft.net.Dpid;
import org.weft.net.Ip4Prefix;
import org.weft.net.steering.SteeringRequest;
import org.weft.net.steering.SteeringRule;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.FabricBuilder;
import org.weft.openflow.emulator.FlowModError;

/** A steering rule says where its switches stand, and the reconciler finishes what they refused. */
class SteeringStatesIT {

    @Test
    void aRuleASwitchRefusedIsFailedWithTheErrorThenInstalledByTheReconciler() throws Exception {
        WeftConfig c = WeftTestBed.config(200);
        c.reconcile.intervalS = 1;
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.linear(3), c)) {
            RoutingIT.awaitLinks(bed, 4);
            TestHost dst =
                    RoutingIT.edgePorts(bed.fabric).stream()
                            .filter(cp -> cp.dpid().value() == 3)
                            .findFirst()
                            .map(cp -> new TestHost(7, cp))
                            .orElseThrow();
            RoutingIT.announce(bed, List.of(dst));
            EmulatedSwitch refusing = bed.fabric.get(2);
            refusing.rejectFlowModsWith(FlowModError.TABLE_FULL);

            SteeringRule added =
                    bed.weft.steering().add(pinned(dst, 1, 2, 3)).get(10, TimeUnit.SECONDS);

            assertThat(added.state()).isEqualTo(SteeringRule.State.FAILED);
            assertThat(added.detail())
                    .contains("00:00:00:00:00:00:00:02")
                    .contains("FLOW_MOD_FAILED/TABLE_FULL");

            refusing.rejectFlowModsWith(null);
            WeftTestBed.waitUntil(
                    () ->
                            bed.weft.steering().get(added.id()).orElseThrow().state()
                                    == SteeringRule.State.INSTALLED,
                    Duration.ofSeconds(10),
                    "installed once the switch accepts");
            assertThat(
                            refusing.table().flows().stream()
                                    .filter(r -> r.priority() == SteeringRequest.PRIORITY)
                                    .count())
                    .isEqualTo(1);
        }
    }

    /** IPv4 traffic toward {@code dst} pinned onto the switches given, in order. */
    private static SteeringRequest pinned(TestHost dst, long... path) {
        return new SteeringRequest(
                null,
                Ip4Prefix.of(dst.ip()),
                null,
                null,
                null,
                null,
                null,
                java.util.Arrays.stream(path).mapToObj(Dpid::of).toList(),
                null);
    }

    @Test
    void aCorruptStoredRuleIsQuarantinedAtStartAndRuleIdsAreNeverReused() throws Exception {
        WeftConfig c = WeftTestBed.config(200);
        java.nio.file.Path intents = java.nio.file.Path.of(c.dataDir, "intents", "steering");
        TestHost dst;
        String firstId;
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.linear(2), c)) {
            RoutingIT.awaitLinks(bed, 2);
            dst =
                    RoutingIT.edgePorts(bed.fabric).stream()
                            .filter(cp -> cp.dpid().value() == 2)
                            .findFirst()
                            .map(cp -> new TestHost(5, cp))
                            .orElseThrow();
            RoutingIT.announce(bed, List.of(dst));
            firstId = bed.weft.steering().add(pinned(dst, 1, 2)).get(10, TimeUnit.SECONDS).id();
            bed.weft.steering().remove(firstId).get(10, TimeUnit.SECONDS);
        }
        java.nio.file.Files.writeString(intents.resolve("77.json"), "{not json");

        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.linear(2), c)) {
            assertThat(bed.weft.steering().list()).isEmpty();
            assertThat(intents.resolve("77.json")).doesNotExist();
            assertThat(java.nio.file.Path.of(c.dataDir, "quarantine", "steering", "77.json"))
                    .hasContent("{not json");
            RoutingIT.awaitLinks(bed, 2);
            RoutingIT.announce(bed, List.of(dst));
            String next = bed.weft.steering().add(pinned(dst, 1, 2)).get(10, TimeUnit.SECONDS).id();
            assertThat(Long.parseLong(next))
                    .as("neither the deleted rule's id nor the quarantined one's")
                    .isGreaterThan(77)
                    .isNotEqualTo(Long.parseLong(firstId));
        }
    }
}
