package org.weft.openflow.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFHelloElemVersionbitmap;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.U32;

class OfVersionsTest {

    private static OFHello helloWithBitmap(OFVersion header, OFVersion... offered) {
        long bits = 0;
        for (OFVersion v : offered) {
            bits |= 1L << v.getWireVersion();
        }
        var f = OFFactories.getFactory(header);
        return f.buildHello()
                .setElements(
                        List.of(
                                f.buildHelloElemVersionbitmap()
                                        .setBitmaps(List.of(U32.of(bits)))
                                        .build()))
                .build();
    }

    @Test
    void weftOffersOnlyOneZeroAndOneThree() {
        OFHello ours = OfVersions.hello(OfVersions.SUPPORTED, 0);
        assertThat(ours.getVersion()).isEqualTo(OFVersion.OF_13);
        long bits =
                ((OFHelloElemVersionbitmap) ours.getElements().get(0))
                        .getBitmaps()
                        .get(0)
                        .getValue();
        assertThat(bits).isEqualTo((1L << 1) | (1L << 4));
    }

    @Test
    void aSwitchOfferingOneFiveAndOneThreeGetsOneThree() {
        assertThat(
                        OfVersions.negotiate(
                                helloWithBitmap(OFVersion.OF_15, OFVersion.OF_13, OFVersion.OF_15),
                                OfVersions.SUPPORTED))
                .contains(OFVersion.OF_13);
    }

    @Test
    void aSwitchOfferingOnlyOneFourOrOneFiveIsRefused() {
        assertThat(
                        OfVersions.negotiate(
                                helloWithBitmap(OFVersion.OF_15, OFVersion.OF_14, OFVersion.OF_15),
                                OfVersions.SUPPORTED))
                .isEmpty();
    }

    @Test
    void aOneFiveHelloWithoutBitmapFallsBackToOneThree() {
        OFHello plain = OFFactories.getFactory(OFVersion.OF_15).buildHello().build();
        assertThat(OfVersions.negotiate(plain, OfVersions.SUPPORTED)).contains(OFVersion.OF_13);
    }
}
