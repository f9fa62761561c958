package org.weft.net.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.Link;

class PathTest {

    @Test
    void emptyPathJoinsSwitchToItself() {
        Path p = Path.empty(Dpid.of(7));

        assertThat(p.isEmpty()).isTrue();
        assertThat(p.cost()).isZero();
        assertThat(p.switches()).containsExactly(Dpid.of(7));
        assertThatThrownBy(() -> new Path(Dpid.of(1), Dpid.of(2), List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void takesEndsFromLinks() {
        Path p = Path.of(List.of(Link.of(1, 1, 2, 1), Link.of(2, 2, 3, 1)), 2.5);

        assertThat(p.src()).isEqualTo(Dpid.of(1));
        assertThat(p.dst()).isEqualTo(Dpid.of(3));
        assertThat(p.hopCount()).isEqualTo(2);
        assertThat(p.switches()).containsExactly(Dpid.of(1), Dpid.of(2), Dpid.of(3));
        assertThat(p.isLoopFree()).isTrue();
    }

    @Test
    void rejectsLinksThatAreNotContiguous() {
        assertThatThrownBy(() -> Path.of(List.of(Link.of(1, 1, 2, 1), Link.of(3, 1, 4, 1)), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not contiguous");
    }

    @Test
    void detectsLoops() {
        Path p = Path.of(List.of(Link.of(1, 1, 2, 1), Link.of(2, 1, 1, 1), Link.of(1, 1, 2, 1)), 3);

        assertThat(p.isLoopFree()).isFalse();
    }
}
