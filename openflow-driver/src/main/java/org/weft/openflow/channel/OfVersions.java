package org.weft.openflow.channel;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFHelloElem;
import org.projectfloodlight.openflow.protocol.OFHelloElemVersionbitmap;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.U32;

/**
 * Version negotiation by HELLO: the version bitmap when both sides send one, else the lower header
 * version.
 */
public final class OfVersions {

    /**
     * OpenFlow versions Weft speaks: 1.3 (first-class) and 1.0. 1.4 and 1.5 are not offered: their
     * packet-out, port descriptions and stats differ from 1.3's, and Weft is not tested against
     * them; a switch offering only those gets HELLO_FAILED, one offering 1.3 as well gets 1.3.
     */
    public static final Set<OFVersion> SUPPORTED = EnumSet.of(OFVersion.OF_10, OFVersion.OF_13);

    private static final OFVersion HIGHEST = OFVersion.OF_13;

    private OfVersions() {}

    /** Our HELLO: header version = highest supported, plus a bitmap of every supported version. */
    public static OFHello hello(Set<OFVersion> versions, long xid) {
        OFVersion highest = versions.stream().max(Enum::compareTo).orElseThrow();
        OFFactory f = OFFactories.getFactory(highest);
        if (highest == OFVersion.OF_10) {
            return f.buildHello().setXid(xid).build();
        }
        long bits = 0;
        for (OFVersion v : versions) {
            bits |= 1L << v.getWireVersion();
        }
        OFHelloElem bitmap =
                f.buildHelloElemVersionbitmap().setBitmaps(List.of(U32.of(bits))).build();
        return f.buildHello().setXid(xid).setElements(List.of(bitmap)).build();
    }

    /** The version both sides speak, or empty if there is none. */
    public static Optional<OFVersion> negotiate(OFHello theirs, Set<OFVersion> ours) {
        List<OFHelloElem> elements =
                theirs.getVersion() == OFVersion.OF_10 ? List.of() : theirs.getElements();
        for (OFHelloElem e : elements) {
            if (e instanceof OFHelloElemVersionbitmap bm) {
                return highestCommon(bm.getBitmaps(), ours);
            }
        }
        OFVersion ourHighest = ours.stream().max(Enum::compareTo).orElse(HIGHEST);
        OFVersion v =
                theirs.getVersion().compareTo(ourHighest) < 0 ? theirs.getVersion() : ourHighest;
        return ours.contains(v) ? Optional.of(v) : Optional.empty();
    }

    private static Optional<OFVersion> highestCommon(List<U32> bitmaps, Set<OFVersion> ours) {
        OFVersion best = null;
        for (OFVersion v : ours) {
            int wire = v.getWireVersion();
            int word = wire / 32;
            if (word < bitmaps.size()
                    && (bitmaps.get(word).getValue() & (1L << (wire % 32))) != 0) {
                if (best == null || v.compareTo(best) > 0) {
                    best = v;
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
