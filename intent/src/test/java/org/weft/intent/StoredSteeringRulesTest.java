package org.weft.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Ip4Prefix;
import org.weft.net.Link;
import org.weft.net.steering.SteeringRequest;
import org.weft.store.impl.MemoryIntentStore;

class StoredSteeringRulesTest {

    private static final SteeringRequest PINNED =
            new SteeringRequest(
                    null,
                    Ip4Prefix.parse("10.0.0.2/32"),
                    6,
                    null,
                    80,
                    null,
                    null,
                    List.of(Dpid.of(1), Dpid.of(3), Dpid.of(2)),
                    Set.of());
    private static final SteeringRequest AVOIDING =
            new SteeringRequest(
                    Ip4Prefix.parse("10.0.0.1/32"),
                    Ip4Prefix.parse("10.0.0.2/32"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    List.of(),
                    Set.of(Link.of(ConnectPoint.of(1, 2), ConnectPoint.of(2, 1))));

    private final MemoryIntentStore store = new MemoryIntentStore();

    @Test
    void rulesAreKeptByNumberInTheTextFormatAndNumbersAreNeverReused() {
        StoredSteeringRules rules = new StoredSteeringRules(store);
        long first = rules.add(PINNED);
        long second = rules.add(AVOIDING);
        assertThat(store.list(SteeringCodec.KIND).get(Long.toString(first)))
                .isEqualTo(
                        "ipv4Dst=10.0.0.2\nipProto=6\ntcpDst=80\n"
                                + "path=00:00:00:00:00:00:00:01,00:00:00:00:00:00:00:03,"
                                + "00:00:00:00:00:00:00:02\n");
        assertThat(new StoredSteeringRules(store).load())
                .containsExactly(
                        java.util.Map.entry(first, PINNED), java.util.Map.entry(second, AVOIDING));

        assertThat(rules.remove(second)).isTrue();
        assertThat(rules.remove(second)).isFalse();
        assertThat(rules.add(AVOIDING)).isGreaterThan(second);
    }

    @Test
    void anUnreadableRuleIsQuarantinedAndTheOthersLoaded() {
        StoredSteeringRules rules = new StoredSteeringRules(store);
        long kept = rules.add(PINNED);
        store.put(SteeringCodec.KIND, "77", "{not json");
        store.put(SteeringCodec.KIND, "78", "ipv4Dst=10.0.0.0/24\npath=x\n");

        assertThat(rules.load()).containsOnlyKeys(kept);
        assertThat(store.quarantined(SteeringCodec.KIND)).containsOnlyKeys("77", "78");
    }
}
