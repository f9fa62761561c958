package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.Group;

class BucketSpreadTest {

    private static List<Group.Bucket> perHop(int n) {
        List<Group.Bucket> out = new ArrayList<>();
        for (int p = 1; p <= n; p++) {
            PortNumber port = PortNumber.of(p);
            out.add(new Group.Bucket(1000, port, List.of(FlowAction.output(port))));
        }
        return out;
    }

    private static long port(Group.Bucket b) {
        return ((FlowAction.Output) b.actions().get(0)).port().value();
    }

    /**
     * The switch takes bucket {@code hash mod n*n}; two switches one layout apart, fed the same
     * hashes, reach every pair of next hops equally often: their choices are independent.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void switchesOneLayoutApartPickIndependently(int n) {
        for (long layout = 0; layout < 6; layout++) {
            List<Group.Bucket> first = BucketSpread.spread(perHop(n), layout);
            List<Group.Bucket> second = BucketSpread.spread(perHop(n), layout + 1);
            assertThat(first).hasSize(n * n);
            Set<List<Long>> pairs = new HashSet<>();
            for (int hash = 0; hash < n * n; hash++) {
                pairs.add(List.of(port(first.get(hash)), port(second.get(hash))));
            }
            assertThat(pairs).as("layouts %s and %s", layout, layout + 1).hasSize(n * n);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void everyNextHopGetsAnEqualShare(int n) {
        List<Group.Bucket> spread = BucketSpread.spread(perHop(n), 1);
        for (Group.Bucket hop : perHop(n)) {
            assertThat(spread).filteredOn(b -> b.equals(hop)).hasSize(n);
        }
    }

    /** Without the spread every switch with two next hops maps a hash to the same one. */
    @Test
    void oneBucketPerHopWouldPolarise() {
        List<Group.Bucket> plain = perHop(2);
        Set<List<Long>> pairs = new HashSet<>();
        for (int hash = 0; hash < 4; hash++) {
            Group.Bucket b = plain.get(hash % 2);
            pairs.add(List.of(port(b), port(b)));
        }
        assertThat(pairs).hasSize(2);
        assertThat(BucketSpread.spread(plain, 0)).isNotEqualTo(BucketSpread.spread(plain, 1));
    }

    @Test
    void largeFanOutsAndSingleHopsStayAsTheyAre() {
        assertThat(BucketSpread.spread(perHop(1), 3)).isEqualTo(perHop(1));
        assertThat(BucketSpread.spread(perHop(5), 3)).isEqualTo(perHop(5));
    }

    @Test
    void layoutIsTheHopCountOnAUniformMetric() {
        assertThat(BucketSpread.layout(4, 3)).isEqualTo(4);
        assertThat(BucketSpread.layout(3, 2)).isEqualTo(3);
        assertThat(BucketSpread.layout(40, 30)).isEqualTo(4);
        assertThat(BucketSpread.layout(0.004, 0.003)).isEqualTo(4);
        assertThat(BucketSpread.layout(2, 2)).isZero();
        assertThat(BucketSpread.layout(Double.POSITIVE_INFINITY, 1)).isZero();
    }
}
