package org.weft.openflow.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.weft.openflow.OfConfig;

class OfWarmupTest {

    @Test
    void everySupportedVersionsHandshakeRunsThroughThePipelineToRegistration() {
        assertThat(OfWarmup.run(OfConfig.defaults())).isEqualTo(OfVersions.SUPPORTED.size());
    }
}
