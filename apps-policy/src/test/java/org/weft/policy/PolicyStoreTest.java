package org.weft.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.net.Ip4Address;
import org.weft.net.Ip4Prefix;
import org.weft.net.MacAddress;
import org.weft.net.PortNumber;
import org.weft.net.policy.AclRule;
import org.weft.net.policy.PolicyMatch;
import org.weft.net.policy.RateLimit;
import org.weft.store.impl.FileIntentStore;

class PolicyStoreTest {

    @TempDir Path dir;

    @Test
    void rulesAndLimitsSurviveAReopenWithTheirNumbers() {
        PolicyMatch m =
                new PolicyMatch(
                        PortNumber.of(3),
                        MacAddress.parse("00:00:00:00:00:01"),
                        null,
                        Ip4Prefix.parse("10.0.0.0/8"),
                        null,
                        null,
                        null,
                        5201,
                        null,
                        null);
        AclRule rule = new AclRule("no-iperf", AclRule.Action.DENY, 10, m);
        RateLimit limit =
                new RateLimit(
                        "h1", null, Ip4Address.parse("10.0.0.1"), PolicyMatch.ANY, 10000, 100);
        PolicyStore store = new PolicyStore(new FileIntentStore(dir));
        long n = store.add(rule);
        long k = store.add(limit);

        PolicyStore reopened = new PolicyStore(new FileIntentStore(dir));
        assertThat(reopened.loadAcls().get("no-iperf"))
                .isEqualTo(new PolicyStore.Stored<>(n, rule));
        assertThat(reopened.loadRateLimits().get("h1"))
                .isEqualTo(new PolicyStore.Stored<>(k, limit));
        assertThat(reopened.removeAcl("no-iperf")).isTrue();
        assertThat(new PolicyStore(new FileIntentStore(dir)).loadAcls()).isEmpty();
    }

    @Test
    void anUnreadableDocumentIsQuarantinedAndTheOthersLoad() {
        FileIntentStore files = new FileIntentStore(dir, dir.resolve("q"));
        files.put(PolicyStore.ACL_KIND, "bad", "{\"number\":1,\"action\":\"MAYBE\"}");
        PolicyStore store = new PolicyStore(files);
        store.add(new AclRule("good", AclRule.Action.ALLOW, 1, PolicyMatch.ANY));
        assertThat(store.loadAcls()).containsOnlyKeys("good");
        assertThat(files.list(PolicyStore.ACL_KIND)).containsOnlyKeys("good");
    }
}
