package org.weft.openflow.golden;

import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFVersion;

/** Every golden case: each message Weft sends, in each version it sends it in. */
final class GoldenCatalog {

    /** The versions Weft negotiates (1.4 appears only in the HELLO_FAILED it answers with). */
    static final List<OFVersion> VERSIONS = List.of(OFVersion.OF_10, OFVersion.OF_13);

    private GoldenCatalog() {}

    private static List<GoldenCase> all;

    /** Every case with the driver's real encoding (made once per test JVM). */
    static synchronized List<GoldenCase> all() {
        if (all == null) {
            all = List.copyOf(make());
        }
        return all;
    }

    private static List<GoldenCase> make() {
        List<GoldenCase> out = new ArrayList<>(flowMods(GoldenFlowCases.REAL));
        for (OFVersion v : VERSIONS) {
            out.addAll(GoldenFlowCases.groupMods(v));
            out.addAll(GoldenSessionCases.all(v));
        }
        out.addAll(GoldenSessionCases.helloFailed());
        return out;
    }

    /** The flow-mods of every version, made by {@code encoder}. */
    static List<GoldenCase> flowMods(GoldenFlowCases.FlowModEncoder encoder) {
        List<GoldenCase> out = new ArrayList<>();
        for (OFVersion v : VERSIONS) {
            out.addAll(GoldenFlowCases.flowMods(v, encoder));
        }
        return out;
    }
}
