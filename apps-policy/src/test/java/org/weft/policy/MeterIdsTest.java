package org.weft.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;

class MeterIdsTest {

    @Test
    void lowestFreeIdPerSwitchUpToCapacity() {
        MeterIds ids = new MeterIds();
        Dpid a = Dpid.of(1);
        Dpid b = Dpid.of(2);
        assertThat(ids.allocate(a, 2)).hasValue(1);
        assertThat(ids.allocate(a, 2)).hasValue(2);
        assertThat(ids.allocate(a, 2)).as("full").isEmpty();
        assertThat(ids.allocate(b, 2)).as("per switch").hasValue(1);
        ids.release(a, 1);
        assertThat(ids.inUse(a, 1)).isFalse();
        assertThat(ids.allocate(a, 2)).hasValue(1);
        assertThat(ids.allocate(b, 0)).as("no meters").isEmpty();
    }
}
