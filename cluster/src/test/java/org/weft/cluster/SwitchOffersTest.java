package org.weft.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;

class SwitchOffersTest {

    private final List<Dpid> offered = new ArrayList<>();
    private final SwitchOffers offers = new SwitchOffers(offered::add);
    private final List<Runnable> held = new ArrayList<>();

    @Test
    void switchesConnectedBeforeTheAdmissionWaitForIt() {
        offers.connected(Dpid.of(1));
        offers.connected(Dpid.of(2));
        assertThat(offered).isEmpty();

        offers.admitBy((dpid, offer) -> held.add(offer));
        assertThat(held).hasSize(2);
        assertThat(offered).isEmpty();
        held.forEach(Runnable::run);
        assertThat(offered).containsExactly(Dpid.of(1), Dpid.of(2));
    }

    @Test
    void aSwitchIsOfferedWhenTheAdmissionSaysSo() {
        offers.admitBy((dpid, offer) -> held.add(offer));
        offers.connected(Dpid.of(3));
        assertThat(offered).isEmpty();
        held.get(0).run();
        assertThat(offered).containsExactly(Dpid.of(3));
        assertThat(offers.isConnected(Dpid.of(3))).isTrue();
    }

    @Test
    void aDisconnectedSwitchIsNoLongerConnected() {
        offers.admitBy(SwitchAdmission.AT_ONCE);
        offers.connected(Dpid.of(4));
        offers.disconnected(Dpid.of(4));
        assertThat(offered).containsExactly(Dpid.of(4));
        assertThat(offers.isConnected(Dpid.of(4))).isFalse();
    }

    @Test
    void anAdmissionIsInstalledOnce() {
        offers.admitBy(SwitchAdmission.AT_ONCE);
        assertThatThrownBy(() -> offers.admitBy(SwitchAdmission.AT_ONCE))
                .isInstanceOf(IllegalStateException.class);
    }
}
