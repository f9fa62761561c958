package org.weft.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.net.host.HostId;

class AddressHashingTest {

    /** The bucket a hash lands in, as a power-of-two table of 2^bits buckets picks it. */
    private static int bucket(int h, int bits) {
        return (h ^ (h >>> 16)) & ((1 << bits) - 1);
    }

    @Test
    void numberedHostsOnNumberedSwitchesSpreadOverATable() {
        // 16 switches x 1,000 hosts numbered in the low bits, the switch a few bits above: with
        // Long.hashCode these fill about a quarter of a 32k-bucket table.
        Set<Integer> used = new HashSet<>();
        int hosts = 0;
        for (int sw = 1; sw <= 16; sw++) {
            for (int h = 0; h < 1000; h++) {
                MacAddress mac = MacAddress.of(0x020000000000L | ((long) sw << 24) | h);
                used.add(bucket(HostId.of(mac, HostId.NO_VLAN).hashCode(), 15));
                hosts++;
            }
        }
        // Random hashing of 16,000 keys into 32,768 buckets fills about 12,700.
        assertThat(used.size()).isGreaterThan(hosts * 7 / 10);
    }

    @Test
    void equalValuesAreEqualWithEqualHashes() {
        MacAddress a = MacAddress.of(0x0a0000000001L);
        MacAddress b = MacAddress.parse("0a:00:00:00:00:01");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(MacAddress.of(2));
        assertThat(HostId.of(a, 7)).isEqualTo(HostId.of(b, 7)).hasSameHashCodeAs(HostId.of(b, 7));
        assertThat(HostId.of(a, 7)).isNotEqualTo(HostId.of(a, 8)).isNotEqualTo(HostId.of(a, -1));
        assertThat(Dpid.of(5)).isEqualTo(Dpid.of(5)).hasSameHashCodeAs(Dpid.of(5));
        assertThat(Dpid.of(5)).isNotEqualTo(Dpid.of(6)).isNotEqualTo((Object) MacAddress.of(5));
    }
}
