package org.weft.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.Group;

class SharedGroupsTest {

    private static final Dpid S = Dpid.of(1);

    private static List<Group.Bucket> failover(int primary, int backup) {
        return List.of(bucket(primary), bucket(backup));
    }

    private static Group.Bucket bucket(int port) {
        PortNumber p = PortNumber.of(port);
        return new Group.Bucket(0, p, List.of(FlowAction.output(p)));
    }

    @Test
    void sameContentSameGroupOtherContentOtherId() {
        SharedGroups groups = new SharedGroups();
        Group a = groups.group(S, Group.Type.FAST_FAILOVER, failover(1, 2));
        assertThat(groups.group(S, Group.Type.FAST_FAILOVER, failover(1, 2))).isSameAs(a);
        assertThat(groups.group(S, Group.Type.FAST_FAILOVER, failover(2, 1)).groupId())
                .isNotEqualTo(a.groupId());
        assertThat(groups.group(S, Group.Type.SELECT, failover(1, 2)).groupId())
                .isNotEqualTo(a.groupId());
        assertThat(groups.group(Dpid.of(2), Group.Type.FAST_FAILOVER, failover(1, 2)).dpid())
                .isEqualTo(Dpid.of(2));
    }

    @Test
    void idsFollowContentAcrossRegistriesWhateverTheOrder() {
        SharedGroups one = new SharedGroups();
        SharedGroups other = new SharedGroups();
        Group a = one.group(S, Group.Type.FAST_FAILOVER, failover(1, 2));
        Group b = one.group(S, Group.Type.FAST_FAILOVER, failover(3, 4));
        assertThat(other.group(S, Group.Type.FAST_FAILOVER, failover(3, 4))).isEqualTo(b);
        assertThat(other.group(S, Group.Type.FAST_FAILOVER, failover(1, 2))).isEqualTo(a);
    }

    @Test
    void everyContentOfASwitchGetsAnIdOfItsOwnInRange() {
        SharedGroups groups = new SharedGroups();
        Set<Integer> ids = new HashSet<>();
        int n = 0;
        for (int p = 1; p <= 60; p++) {
            for (int q = 1; q <= 60; q++) {
                if (p != q) {
                    int id = groups.group(S, Group.Type.FAST_FAILOVER, failover(p, q)).groupId();
                    assertThat(id).isBetween(SharedGroups.FIRST_ID, SharedGroups.LAST_ID);
                    ids.add(id);
                    n++;
                }
            }
        }
        assertThat(ids).hasSize(n);
    }

    @Test
    void aClashTakesTheNextFreeIdAndNeverMovesAGroup() {
        // Every content hashes alike: each new one takes the next id after the last taken,
        // wrapping at the end of the range.
        SharedGroups groups = new SharedGroups(d -> SharedGroups.LAST_ID - SharedGroups.FIRST_ID);
        Group a = groups.group(S, Group.Type.FAST_FAILOVER, failover(1, 2));
        Group b = groups.group(S, Group.Type.FAST_FAILOVER, failover(3, 4));
        Group c = groups.group(S, Group.Type.FAST_FAILOVER, failover(5, 6));
        assertThat(a.groupId()).isEqualTo(SharedGroups.LAST_ID);
        assertThat(b.groupId()).isEqualTo(SharedGroups.FIRST_ID);
        assertThat(c.groupId()).isEqualTo(SharedGroups.FIRST_ID + 1);
        assertThat(groups.group(S, Group.Type.FAST_FAILOVER, failover(3, 4))).isSameAs(b);
    }

    @Test
    void aFullRegistryStartsAgainAndContentKeepsItsId() {
        SharedGroups groups = new SharedGroups();
        Group first = groups.group(S, Group.Type.FAST_FAILOVER, failover(1, 2));
        // Fill the switch's registry (select groups of one bucket per port, all distinct).
        for (int p = 1; p < SharedGroups.MAX_PER_SWITCH; p++) {
            groups.group(S, Group.Type.SELECT, List.of(bucket(p)));
        }
        // One more content: the registry starts again. The first content is new to it now, but
        // its id follows from its content, so it comes back under the same id (not the instance).
        groups.group(S, Group.Type.SELECT, List.of(bucket(SharedGroups.MAX_PER_SWITCH)));
        Group again = groups.group(S, Group.Type.FAST_FAILOVER, failover(1, 2));
        assertThat(again).isEqualTo(first).isNotSameAs(first);
    }
}
