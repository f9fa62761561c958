package org.weft.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LinkTest {

    @Test
    void printsBothEnds() {
        assertThat(Link.of(1, 1, 2, 3)).hasToString("of:0000000000000001/1->of:0000000000000002/3");
    }

    @Test
    void reverseSwapsEnds() {
        Link link = Link.of(1, 1, 2, 3);

        assertThat(link.reverse()).isEqualTo(Link.of(2, 3, 1, 1));
        assertThat(link.reverse().reverse()).isEqualTo(link);
        assertThat(link.srcDpid()).isEqualTo(Dpid.of(1));
        assertThat(link.dstDpid()).isEqualTo(Dpid.of(2));
    }

    @Test
    void ordersBySourceThenDestination() {
        assertThat(Link.of(1, 2, 2, 1)).isGreaterThan(Link.of(1, 1, 3, 1));
        assertThat(Link.of(1, 1, 2, 1)).isLessThan(Link.of(1, 1, 3, 1));
        assertThat(Link.of(1, 1, 2, 1)).isLessThan(Link.of(1, 1, 2, 2));
        assertThat(Link.of(2, 1, 1, 1)).isGreaterThan(Link.of(1, 9, 9, 9));
    }

    @Test
    void rejectsLinkFromPortToItself() {
        assertThatThrownBy(() -> Link.of(1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalLinksAreEqualAndHashAlike() {
        Link a = Link.of(1, 2, 3, 4);
        Link b = Link.of(ConnectPoint.of(1, 2), ConnectPoint.of(3, 4));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.src()).isEqualTo(b.src()).hasSameHashCodeAs(b.src());
        assertThat(a.hashCode()).isEqualTo(31 * a.src().hashCode() + a.dst().hashCode());
        assertThat(Dpid.of(7)).isEqualTo(Dpid.of(7)).hasSameHashCodeAs(Dpid.of(7));
        assertThat(PortNumber.of(7)).isEqualTo(PortNumber.of(7)).isNotEqualTo(Dpid.of(7));
    }

    @Test
    void linksDifferingAnywhereDiffer() {
        Link a = Link.of(1, 2, 3, 4);

        assertThat(a)
                .isNotEqualTo(Link.of(9, 2, 3, 4))
                .isNotEqualTo(Link.of(1, 9, 3, 4))
                .isNotEqualTo(Link.of(1, 2, 9, 4))
                .isNotEqualTo(Link.of(1, 2, 3, 9))
                .isNotEqualTo(a.reverse())
                .isNotEqualTo(null)
                .isNotEqualTo(a.src());
        assertThat(ConnectPoint.of(1, 2))
                .isNotEqualTo(ConnectPoint.of(2, 1))
                .isNotEqualTo(ConnectPoint.of(1, 3));
        assertThat(java.util.Set.of(a, Link.of(1, 2, 3, 5))).contains(Link.of(1, 2, 3, 4));
    }
}
