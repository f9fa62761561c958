package org.weft.net.host.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.weft.net.MacAddress;
import org.weft.net.host.HostId;

class HostIdProbeTest {

    @Test
    void findsEveryIdByItsPartsAndNoOther() {
        Random r = new Random(7);
        Map<HostId, Integer> map = new ConcurrentHashMap<>();
        HostId[] ids = new HostId[5_000];
        for (int i = 0; i < ids.length; i++) {
            int vlan = r.nextInt(3) == 0 ? HostId.NO_VLAN : r.nextInt(4096);
            ids[i] = HostId.of(MacAddress.of(r.nextLong() & 0xffffffffffffL), vlan);
            map.put(ids[i], i);
        }
        for (int i = 0; i < ids.length; i++) {
            long mac = ids[i].mac().value();
            int vlan = ids[i].vlan();
            assertThat(HostIdProbe.get(map, mac, vlan)).isEqualTo(map.get(ids[i]));
            assertThat(HostIdProbe.get(map, mac ^ 1, vlan)).isNull();
            assertThat(HostIdProbe.get(map, mac, vlan == 5 ? 6 : 5)).isNull();
        }
    }
}
