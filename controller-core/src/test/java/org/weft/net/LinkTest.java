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
}
