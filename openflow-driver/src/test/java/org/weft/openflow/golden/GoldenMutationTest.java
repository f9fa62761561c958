package org.weft.openflow.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionSetDlDst;
import org.projectfloodlight.openflow.protocol.action.OFActionSetDlSrc;
import org.projectfloodlight.openflow.protocol.action.OFActionSetField;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmEthDst;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmEthSrc;
import org.projectfloodlight.openflow.protocol.oxm.OFOxmVlanVid;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;

/**
 * The golden fixtures catch the bugs a translation checked only against its own inverse cannot: the
 * same domain inputs go through the driver's real {@code translate.*} call, then a deliberate bug
 * is applied to the resulting Loxi message (a swapped pair of match fields, a VLAN id without its
 * OFPVID_PRESENT bit, swapped set-field actions), and at least one fixture must then differ. If the
 * fixtures stop covering a field, its mutation goes unnoticed and this test fails.
 */
class GoldenMutationTest {

    /** A deliberate bug in the flow-mod translation. */
    record Mutation(
            String name,
            UnaryOperator<Match> match,
            UnaryOperator<OFAction> action,
            List<String> mustCatch) {

        static Mutation ofMatch(String name, UnaryOperator<Match> m, String... mustCatch) {
            return new Mutation(name, m, UnaryOperator.identity(), List.of(mustCatch));
        }

        static Mutation ofAction(String name, UnaryOperator<OFAction> a, String... mustCatch) {
            return new Mutation(name, UnaryOperator.identity(), a, List.of(mustCatch));
        }

        GoldenFlowCases.FlowModEncoder encoder() {
            return (f, op, xid) -> mutate(f, GoldenFlowCases.REAL.encode(f, op, xid), this);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> mutations() {
        return Stream.of(
                        Mutation.ofMatch(
                                "ETH_SRC <-> ETH_DST",
                                m -> swap(m, MatchField.ETH_SRC, MatchField.ETH_DST),
                                "of10/flow-add-l2",
                                "of13/flow-add-l2"),
                        Mutation.ofMatch(
                                "IPV4_SRC <-> IPV4_DST",
                                m -> swap(m, MatchField.IPV4_SRC, MatchField.IPV4_DST),
                                "of10/flow-add-ipv4-tcp",
                                "of13/flow-add-ipv4-udp"),
                        Mutation.ofMatch(
                                "TCP_SRC <-> TCP_DST",
                                m -> swap(m, MatchField.TCP_SRC, MatchField.TCP_DST),
                                "of10/flow-add-ipv4-tcp",
                                "of13/flow-add-ipv4-tcp"),
                        Mutation.ofMatch(
                                "UDP_SRC <-> UDP_DST",
                                m -> swap(m, MatchField.UDP_SRC, MatchField.UDP_DST),
                                "of10/flow-add-ipv4-udp",
                                "of13/flow-add-ipv4-udp"),
                        Mutation.ofMatch(
                                "VLAN_VID matched without OFPVID_PRESENT",
                                GoldenMutationTest::vlanWithoutPresentBit,
                                "of13/flow-add-vlan-pop"),
                        Mutation.ofMatch(
                                "VLAN_VID match left out",
                                GoldenMutationTest::withoutVlan,
                                "of10/flow-add-vlan-pop",
                                "of13/flow-add-vlan-pop"),
                        Mutation.ofAction(
                                "set eth_src <-> set eth_dst",
                                GoldenMutationTest::swapSetEth,
                                "of10/flow-add-ipv4-tcp",
                                "of13/flow-add-ipv4-tcp"),
                        Mutation.ofAction(
                                "set-field vlan_vid without OFPVID_PRESENT",
                                GoldenMutationTest::setVlanWithoutPresentBit,
                                "of13/flow-add-vlan-push"))
                .map(Arguments::of);
    }

    @BeforeAll
    static void theRealTranslationMatchesEveryFixture() {
        for (GoldenCase c : GoldenCatalog.flowMods(GoldenFlowCases.REAL)) {
            assertThat(GoldenFixtures.mismatch(c, c.bytes())).as(c.fixture()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void aMutatedTranslationFailsTheGoldenComparison(Mutation mutation) {
        List<String> caught = new ArrayList<>();
        for (GoldenCase c : GoldenCatalog.flowMods(mutation.encoder())) {
            byte[] fixture = GoldenFixtures.read(c).orElseThrow();
            if (!Arrays.equals(fixture, c.bytes())) {
                Optional<String> report = GoldenFixtures.mismatch(c, c.bytes());
                assertThat(report).isPresent();
                assertThat(report.get()).contains(GoldenFixtures.hexFile(c).toString());
                caught.add(c.fixture());
            }
        }
        assertThat(caught)
                .as("fixtures that catch the mutation '%s'", mutation)
                .isNotEmpty()
                .containsAll(mutation.mustCatch());
    }

    /** Rebuilding the message without a bug gives the fixture's bytes: what differs is the bug. */
    @Test
    void rebuildingWithoutABugChangesNoByte() {
        Mutation none =
                new Mutation(
                        "none",
                        m -> swap(m, MatchField.ETH_SRC, MatchField.ETH_SRC),
                        a -> a,
                        List.of());
        for (GoldenCase c : GoldenCatalog.flowMods(none.encoder())) {
            assertThat(GoldenFixtures.mismatch(c, c.bytes())).as(c.fixture()).isEmpty();
        }
    }

    private static OFFlowMod mutate(
            OFFactory f, org.projectfloodlight.openflow.protocol.OFMessage m, Mutation mu) {
        OFFlowMod fm = (OFFlowMod) m;
        OFFlowMod.Builder b =
                fm.createBuilder().setMatch(rebuilt(f, mu.match().apply(fm.getMatch())));
        if (f.getVersion() == OFVersion.OF_10) {
            b.setActions(fm.getActions().stream().map(mu.action()).toList());
        } else {
            List<OFInstruction> instructions = new ArrayList<>();
            for (OFInstruction i : fm.getInstructions()) {
                instructions.add(
                        i instanceof OFInstructionApplyActions apply
                                ? f.instructions()
                                        .applyActions(
                                                apply.getActions().stream()
                                                        .map(mu.action())
                                                        .toList())
                                : i);
            }
            b.setInstructions(instructions);
        }
        return b.build();
    }

    /** The match of {@code m}'s version with every field of {@code m}, set through a builder. */
    private static Match rebuilt(OFFactory f, Match m) {
        return copy(m, null, null, null).build();
    }

    private static Match swap(Match m, MatchField<?> a, MatchField<?> b) {
        return copy(m, a, b, null).build();
    }

    /**
     * A fresh builder with every field of {@code from} set: {@code a}'s value goes to {@code b} and
     * back, {@code left} is left out.
     */
    private static Match.Builder copy(
            Match from, MatchField<?> a, MatchField<?> b, MatchField<?> left) {
        Match.Builder to = OFFactories.getFactory(from.getVersion()).buildMatch();
        for (MatchField<?> field : from.getMatchFields()) {
            if (field != left) {
                set(to, from, field, field == a ? b : field == b ? a : field);
            }
        }
        return to;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void set(Match.Builder to, Match from, MatchField src, MatchField dst) {
        if (from.isExact(src)) {
            to.setExact(dst, from.get(src));
        } else if (from.isPartiallyMasked(src)) {
            to.setMasked(dst, from.getMasked(src));
        }
    }

    private static Match vlanWithoutPresentBit(Match m) {
        if (!m.isExact(MatchField.VLAN_VID)) {
            return m;
        }
        short vid = m.get(MatchField.VLAN_VID).getVlan();
        return copy(m, null, null, MatchField.VLAN_VID)
                .setExact(MatchField.VLAN_VID, OFVlanVidMatch.ofRawVid(vid))
                .build();
    }

    private static Match withoutVlan(Match m) {
        return copy(m, null, null, MatchField.VLAN_VID).build();
    }

    private static OFAction swapSetEth(OFAction a) {
        OFFactory f = OFFactories.getFactory(a.getVersion());
        if (a instanceof OFActionSetDlSrc s) {
            return f.actions().setDlDst(s.getDlAddr());
        } else if (a instanceof OFActionSetDlDst d) {
            return f.actions().setDlSrc(d.getDlAddr());
        } else if (a instanceof OFActionSetField sf && sf.getField() instanceof OFOxmEthSrc s) {
            return f.actions().setField(f.oxms().ethDst(s.getValue()));
        } else if (a instanceof OFActionSetField sf && sf.getField() instanceof OFOxmEthDst d) {
            return f.actions().setField(f.oxms().ethSrc(d.getValue()));
        }
        return a;
    }

    private static OFAction setVlanWithoutPresentBit(OFAction a) {
        if (a instanceof OFActionSetField sf && sf.getField() instanceof OFOxmVlanVid v) {
            OFFactory f = OFFactories.getFactory(a.getVersion());
            short vid = v.getValue().getVlan();
            return f.actions().setField(f.oxms().vlanVid(OFVlanVidMatch.ofRawVid(vid)));
        }
        return a;
    }
}
