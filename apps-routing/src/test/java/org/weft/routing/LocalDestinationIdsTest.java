package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.weft.net.MacAddress;
import org.weft.net.host.HostId;

class LocalDestinationIdsTest {

    private static HostId host(int i) {
        return HostId.of(MacAddress.of(0x020000000000L + i), HostId.NO_VLAN);
    }

    @Test
    void aHostKeepsItsNumberAndNumbersCountUp() {
        LocalDestinationIds ids = new LocalDestinationIds();
        assertThat(ids.idOf(host(1))).isZero();
        assertThat(ids.idOf(host(2))).isEqualTo(1);
        assertThat(ids.idOf(host(1))).isZero();
    }

    @Test
    void aReleasedNumberComesBackOnlyAfterTheCounterWentAroundAndNumbersInUseAreSkipped() {
        LocalDestinationIds ids = new LocalDestinationIds(4);
        for (int i = 0; i < 4; i++) {
            assertThat(ids.idOf(host(i))).isEqualTo(i);
        }
        assertThatThrownBy(() -> ids.idOf(host(9))).isInstanceOf(IllegalStateException.class);
        ids.release(host(2));
        assertThat(ids.idOf(host(5))).as("the only free number").isEqualTo(2);
        ids.release(host(0));
        ids.release(host(3));
        assertThat(ids.idOf(host(6))).as("after 2 comes 3, free again").isEqualTo(3);
        assertThat(ids.idOf(host(7))).as("then 0 (1 and 2 in use)").isZero();
        assertThat(ids.idOf(host(1))).as("still held").isEqualTo(1);
    }
}
