package org.weft.net.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.net.Link;

class LinkWeighersTest {

    private static final Link LINK = Link.of(1, 1, 2, 1);

    @Test
    void hopCountIsOne() {
        assertThat(LinkWeighers.HOP_COUNT.weight(LINK, LinkInfo.UNKNOWN)).isEqualTo(1.0);
    }

    @Test
    void latencyInMicrosWithFallback() {
        assertThat(LinkWeighers.LATENCY.weight(LINK, LinkInfo.UNKNOWN.withLatencyNanos(2_500)))
                .isEqualTo(2.5);
        assertThat(LinkWeighers.LATENCY.weight(LINK, LinkInfo.UNKNOWN)).isEqualTo(1_000.0);
    }

    @Test
    void adminWeight() {
        assertThat(LinkWeighers.ADMIN_WEIGHT.weight(LINK, LinkInfo.UNKNOWN)).isEqualTo(1.0);
        assertThat(LinkWeighers.ADMIN_WEIGHT.weight(LINK, LinkInfo.UNKNOWN.withAdminWeight(7)))
                .isEqualTo(7.0);
    }

    @Test
    void inverseCapacityWithFallback() {
        assertThat(
                        LinkWeighers.INVERSE_CAPACITY.weight(
                                LINK, LinkInfo.UNKNOWN.withCapacityMbps(10_000)))
                .isEqualTo(100.0);
        assertThat(LinkWeighers.INVERSE_CAPACITY.weight(LINK, LinkInfo.UNKNOWN)).isEqualTo(1_000.0);
    }

    @Test
    void utilisationWeighsResidualCapacityIdleLinksLikeHopCount() {
        LinkWeigher w = LinkWeighers.UTILISATION;
        assertThat(w.weight(LINK, LinkInfo.UNKNOWN)).isEqualTo(1.0);
        assertThat(w.weight(LINK, LinkInfo.UNKNOWN.withUtilisation(0.5))).isEqualTo(2.0);
        assertThat(w.weight(LINK, LinkInfo.UNKNOWN.withUtilisation(0.9)))
                .isCloseTo(10.0, within(1e-9));
        // Over-full links are capped: still usable when they are the only way.
        assertThat(w.weight(LINK, LinkInfo.UNKNOWN.withUtilisation(1.4)))
                .isCloseTo(20.0, within(1e-9));
        assertThat(w.weight(LINK, LinkInfo.UNKNOWN.withAdminWeight(Double.POSITIVE_INFINITY)))
                .isInfinite();
    }

    @Test
    void excludingMakesLinksUnusable() {
        LinkWeigher w = LinkWeighers.excluding(LinkWeighers.HOP_COUNT, Set.of(LINK));

        assertThat(LinkWeigher.isUsable(w.weight(LINK, LinkInfo.UNKNOWN))).isFalse();
        assertThat(w.weight(LINK.reverse(), LinkInfo.UNKNOWN)).isEqualTo(1.0);
    }

    @Test
    void usableMeansFiniteAndNotNegative() {
        assertThat(LinkWeigher.isUsable(0)).isTrue();
        assertThat(LinkWeigher.isUsable(3.5)).isTrue();
        assertThat(LinkWeigher.isUsable(-1)).isFalse();
        assertThat(LinkWeigher.isUsable(Double.POSITIVE_INFINITY)).isFalse();
        assertThat(LinkWeigher.isUsable(Double.NaN)).isFalse();
    }
}
