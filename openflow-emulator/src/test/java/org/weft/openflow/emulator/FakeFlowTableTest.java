package org.weft.openflow.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;

/**
 * The table's entries with an eth_dst-only match live in primitive arrays ({@link EthDstEntries});
 * the table must behave exactly as a map keyed by table, priority and match.
 */
class FakeFlowTableTest {

    private static final Dpid DPID = Dpid.of(3);

    private record Key(int table, int priority, FlowMatch match) {
        static Key of(FlowRule r) {
            return new Key(r.tableId(), r.priority(), r.match());
        }
    }

    private static FlowRule rule(
            Dpid dpid, int table, int priority, FlowMatch match, long cookie, FlowAction... a) {
        return new FlowRule(dpid, table, priority, match, List.of(a), 5, 7, cookie);
    }

    @Test
    void behavesAsAMapKeyedByTablePriorityAndMatch() {
        Random random = new Random(14);
        FakeFlowTable table = new FakeFlowTable();
        Map<Key, FlowRule> model = new HashMap<>();
        for (int step = 0; step < 40_000; step++) {
            // Few keys (many collisions, deletions inside probe runs), several tables and shapes.
            FlowMatch match =
                    random.nextInt(10) == 0
                            ? FlowMatch.builder()
                                    .ethDst(MacAddress.of(random.nextInt(50)))
                                    .ethType(FlowMatch.ETH_TYPE_IPV4)
                                    .build()
                            : FlowMatch.ethDstOnly(MacAddress.of(random.nextInt(3000) * 65_537L));
            int tableId = random.nextInt(3);
            int priority = random.nextInt(3) * 1000;
            FlowAction[] actions =
                    switch (random.nextInt(6)) {
                        case 0 -> new FlowAction[] {FlowAction.output(1), FlowAction.output(2)};
                        case 1 -> new FlowAction[] {};
                        case 2 -> new FlowAction[] {FlowAction.output(0xfffffffdL)};
                        default -> new FlowAction[] {FlowAction.output(1 + random.nextInt(100))};
                    };
            Dpid dpid = random.nextInt(20) == 0 ? Dpid.of(4) : DPID;
            FlowRule r = rule(dpid, tableId, priority, match, random.nextLong(), actions);
            switch (random.nextInt(8)) {
                case 0 -> {
                    assertThat(table.removeStrict(r)).isEqualTo(model.remove(Key.of(r)) != null);
                }
                case 1 -> {
                    boolean present = model.containsKey(Key.of(r));
                    assertThat(table.modify(r)).isEqualTo(present);
                    if (present) {
                        model.put(Key.of(r), r);
                    }
                }
                case 2 -> {
                    if (step % 50 == 0) {
                        long cut = random.nextInt(3000) * 65_537L;
                        int removed =
                                table.removeMatching(
                                        x -> x.match().ethDst().value() < cut && x.tableId() == 1);
                        int before = model.size();
                        model.values()
                                .removeIf(
                                        x -> x.match().ethDst().value() < cut && x.tableId() == 1);
                        assertThat(removed).isEqualTo(before - model.size());
                    }
                }
                default -> {
                    if (random.nextBoolean() && actions.length == 1 && EthDstEntries.holds(match)) {
                        // The lean read's way in: no rule built.
                        table.addEthDst(
                                dpid,
                                tableId,
                                priority,
                                match.ethDst().value(),
                                (int) ((FlowAction.Output) actions[0]).port().value(),
                                r.idleTimeout(),
                                r.hardTimeout(),
                                r.cookie());
                    } else {
                        table.add(r);
                    }
                    model.put(Key.of(r), r);
                }
            }
            assertThat(table.flowCount()).isEqualTo(model.size());
            if (step % 5000 == 0) {
                assertThat(table.flows()).containsExactlyInAnyOrderElementsOf(model.values());
            }
        }
        assertThat(table.flows()).containsExactlyInAnyOrderElementsOf(model.values());
        table.removeMatching(x -> true);
        assertThat(table.flows()).isEmpty();
    }

    @Test
    void looksUpTheEntryAScanByPriorityWouldFind() {
        Random random = new Random(23);
        FakeFlowTable table = new FakeFlowTable();
        List<FlowRule> added = new java.util.ArrayList<>();
        for (int step = 0; step < 3_000; step++) {
            MacAddress mac = MacAddress.of(1 + random.nextInt(12));
            int priority = 998 + random.nextInt(4);
            int table0or1 = random.nextInt(5) == 0 ? 1 : 0;
            FlowMatch match =
                    switch (random.nextInt(3)) {
                        case 0 -> FlowMatch.ethDstOnly(mac);
                        case 1 ->
                                FlowMatch.builder()
                                        .ethDst(mac)
                                        .inPort(org.weft.net.PortNumber.of(1 + random.nextInt(3)))
                                        .build();
                        default -> FlowMatch.builder().ethType(0x0800).build();
                    };
            FlowRule r =
                    rule(
                            DPID,
                            table0or1,
                            priority,
                            match,
                            step,
                            FlowAction.output(1 + random.nextInt(4)));
            if (random.nextInt(4) == 0 && !added.isEmpty()) {
                table.removeStrict(added.remove(random.nextInt(added.size())));
            } else {
                table.add(r);
                added.add(r);
            }
            for (int probe = 0; probe < 3; probe++) {
                PacketHeaders p =
                        PacketHeaders.ethernet(
                                org.weft.net.PortNumber.of(1 + random.nextInt(3)),
                                MacAddress.of(99),
                                MacAddress.of(1 + random.nextInt(12)),
                                random.nextBoolean() ? 0x0800 : 0x0806);
                // The scan the table made before it looked eth_dst entries up: every entry, the
                // others before the eth_dst ones, stably by descending priority.
                java.util.Optional<FlowRule> scanned =
                        table.flows().stream()
                                .sorted(
                                        java.util.Comparator.comparingInt(FlowRule::priority)
                                                .reversed())
                                .filter(x -> x.tableId() == 0 && p.matches(x.match()))
                                .findFirst();
                assertThat(table.lookup(p)).as("step %s, %s", step, p).isEqualTo(scanned);
            }
        }
    }

    @Test
    void countsGroupsById() {
        FakeFlowTable table = new FakeFlowTable();
        Group one = new Group(DPID, 1, Group.Type.ALL, List.of());
        table.putGroup(one);
        table.putGroup(one);
        table.putGroup(new Group(DPID, 2, Group.Type.ALL, List.of()));
        assertThat(table.groupCount()).isEqualTo(2);
        table.removeGroup(1);
        assertThat(table.groupCount()).isEqualTo(table.groups().size()).isEqualTo(1);
    }

    @Test
    void modifyMatchingChangesEntriesOfBothKinds() {
        FakeFlowTable table = new FakeFlowTable();
        FlowRule plain =
                rule(DPID, 0, 10, FlowMatch.ethDstOnly(MacAddress.of(9)), 1, FlowAction.output(2));
        FlowRule other =
                rule(
                        DPID,
                        0,
                        10,
                        FlowMatch.builder().ethSrc(MacAddress.of(9)).build(),
                        1,
                        FlowAction.output(2));
        table.add(plain);
        table.add(other);

        int n =
                table.modifyMatching(
                        r -> true,
                        r ->
                                new FlowRule(
                                        r.dpid(),
                                        r.tableId(),
                                        r.priority(),
                                        r.match(),
                                        List.of(FlowAction.output(3), FlowAction.output(4)),
                                        r.idleTimeout(),
                                        r.hardTimeout(),
                                        r.cookie()));

        assertThat(n).isEqualTo(2);
        assertThat(table.flows())
                .allMatch(
                        r ->
                                r.actions()
                                        .equals(
                                                List.of(
                                                        FlowAction.output(3),
                                                        FlowAction.output(4))))
                .hasSize(2);
    }
}
