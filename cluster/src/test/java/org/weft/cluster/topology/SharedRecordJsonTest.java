package org.weft.cluster.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Link;

/** The documents kept in ZooKeeper read back as written, and say what docs/cluster.md shows. */
class SharedRecordJsonTest {

    @Test
    void aLinkRecordRoundTripsAsSmallJson() throws Exception {
        Link l = Link.of(1, 2, 0x1f, 1);
        LinkRecord r = new LinkRecord(Point.of(l.src()), Point.of(l.dst()), 1_500_000, 1000, "n1");

        byte[] json = ZkRecords.JSON.writeValueAsBytes(r);

        assertThat(new String(json, StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"src\":{\"dpid\":\"00:00:00:00:00:00:00:01\",\"port\":2},"
                                + "\"dst\":{\"dpid\":\"00:00:00:00:00:00:00:1f\",\"port\":1},"
                                + "\"latencyNanos\":1500000,\"capacityMbps\":1000,\"owner\":\"n1\"}");
        assertThat(ZkRecords.JSON.readValue(json, LinkRecord.class)).isEqualTo(r);
        assertThat(r.link()).isEqualTo(l);
        assertThat(LinkRecord.name(l)).isEqualTo("0000000000000001-2-000000000000001f-1");
    }

    @Test
    void aHostRecordRoundTripsWithSortedAddresses() throws Exception {
        HostRecord r =
                new HostRecord(
                        "0a:00:00:00:00:01",
                        100,
                        List.of("10.0.0.2", "10.0.0.1"),
                        Point.of(ConnectPoint.of(3, 4)),
                        "n2");

        HostRecord back =
                ZkRecords.JSON.readValue(ZkRecords.JSON.writeValueAsBytes(r), HostRecord.class);

        assertThat(back).isEqualTo(r);
        assertThat(back.ips()).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(HostRecord.name(back.id())).isEqualTo("0a:00:00:00:00:01@100");
        assertThat(back.host(5).location()).isEqualTo(ConnectPoint.of(3, 4));
    }

    @Test
    void aFieldAddedByANewerVersionIsIgnored() throws Exception {
        String json =
                "{\"mac\":\"0a:00:00:00:00:01\",\"vlan\":-1,\"ips\":[],"
                        + "\"location\":{\"dpid\":\"00:00:00:00:00:00:00:03\",\"port\":4},"
                        + "\"owner\":\"n2\",\"since\":12345}";

        HostRecord r = ZkRecords.JSON.readValue(json, HostRecord.class);

        assertThat(r.owner()).isEqualTo("n2");
        assertThat(r.location()).isEqualTo(new Point("00:00:00:00:00:00:00:03", 4));
    }
}
