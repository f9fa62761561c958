package org.weft.openflow.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Fields of the fixtures that {@code ovs-ofctl ofp-print} does not show (so their {@code .ovs.txt}
 * proves nothing about them), read at their offsets in the OpenFlow specifications.
 */
class GoldenUnprintedFieldsTest {

    private static ByteBuffer fixture(String name) {
        return ByteBuffer.wrap(
                GoldenFixtures.read(new GoldenCase(name, name, new byte[0]))
                        .orElseThrow(() -> new AssertionError("no fixture " + name)));
    }

    /** OF1.3 ofp_flow_stats_request after the 16-byte multipart header: cookie 32, mask 40. */
    @Test
    void flowStatsOfOneAppFilterByTheAppsCookieBitsOnOpenFlow13() {
        ByteBuffer app = fixture("of13/flow-stats-request-app");
        assertThat(app.getLong(32)).isEqualTo(0x0002_0000_0000_0000L);
        assertThat(app.getLong(40)).isEqualTo(0xffff_0000_0000_0000L);
        ByteBuffer all = fixture("of13/flow-stats-request-all");
        assertThat(all.getLong(32)).isZero();
        assertThat(all.getLong(40)).isZero();
    }

    /** OpenFlow 1.0 has no cookie in a flow stats request: the app filter runs in Weft. */
    @Test
    void flowStatsOfOneAppAskForEverythingOnOpenFlow10() {
        byte[] app = fixture("of10/flow-stats-request-app").array();
        byte[] all = fixture("of10/flow-stats-request-all").array();
        assertThat(Arrays.copyOfRange(app, 8, app.length))
                .isEqualTo(Arrays.copyOfRange(all, 8, all.length));
    }

    /**
     * OF1.3 ofp_flow_mod: cookie 8, cookie_mask 16. Modify and delete are strict and carry the
     * rule's cookie, with a zero mask: the switch finds the entry by match and priority alone.
     */
    @Test
    void strictModifyAndDeleteCarryTheCookieWithoutMask() {
        for (String name : new String[] {"of13/flow-modify-strict", "of13/flow-delete-strict"}) {
            ByteBuffer fm = fixture(name);
            assertThat(fm.getLong(8)).as(name).isEqualTo(0x0002_0000_0000_1234L);
            assertThat(fm.getLong(16)).as(name).isZero();
        }
    }

    /** OF1.3 group_mod buckets from 16: len 2, weight 2 (ovs-ofctl hides a weight of 1). */
    @Test
    void selectBucketsCarryTheirWeights() {
        ByteBuffer gm = fixture("of13/group-add-select");
        int first = 16;
        int second = first + gm.getShort(first);
        assertThat(gm.getShort(first + 2)).isEqualTo((short) 3);
        assertThat(gm.getShort(second + 2)).isEqualTo((short) 1);
    }
}
