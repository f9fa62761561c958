package org.weft.openflow.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.Dpid;
import org.weft.openflow.OfConfig;

/**
 * Keepalive of an active switch on virtual time (echo interval 2 s, 3 intervals of silence to
 * close; checked every second): silence brings an echo request, its answer keeps the switch, no
 * answer closes it.
 */
class KeepaliveTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final OFFactory F = OFFactories.getFactory(OFVersion.OF_13);

    private SwitchScript s;

    @BeforeEach
    void activeSwitch() {
        s = SwitchScript.connect(OfConfig.defaults().withKeepalive(Duration.ofSeconds(2), 3));
        s.handshake(OFVersion.OF_13, 0x2a, 1);
        assertThat(s.isActive()).isTrue();
        s.frames();
    }

    @AfterEach
    void close() {
        s.close();
    }

    /** Seconds of virtual time pass; returns the echo requests the driver sent meanwhile. */
    private List<OFEchoRequest> silence(int seconds) {
        List<OFEchoRequest> echoes = new java.util.ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            s.advance(SECOND);
            for (OFMessage m : s.messages()) {
                echoes.add((OFEchoRequest) m);
            }
        }
        return echoes;
    }

    private void answer(OFEchoRequest req) {
        s.send(F.buildEchoReply().setXid(req.getXid()).build());
    }

    @Test
    void anIdleSwitchGetsAnEchoRequestAfterOneIntervalOfSilence() {
        assertThat(silence(1)).isEmpty();
        assertThat(silence(1))
                .singleElement()
                .satisfies(e -> assertThat(e.getXid()).isEqualTo(0x100));
        assertThat(s.isOpen()).isTrue();
    }

    @Test
    void answeredEchoesKeepTheSwitchAndMeasureTheRoundTrip() {
        for (int round = 0; round < 10; round++) {
            List<OFEchoRequest> echoes = silence(2);
            assertThat(echoes).as("round %d", round).hasSize(1);
            s.advance(Duration.ofMillis(300));
            answer(echoes.get(0));
            assertThat(s.isOpen()).isTrue();
        }
        OfSwitch sw = s.registry().get(Dpid.of(0x2a)).orElseThrow();
        assertThat(sw.controlRttNanos()).isEqualTo(Duration.ofMillis(300).toNanos());
    }

    @Test
    void aSwitchThatDoesNotAnswerIsClosedAfterThreeIntervals() {
        assertThat(silence(5)).hasSize(2);
        assertThat(s.isOpen()).isTrue();
        silence(1);
        assertThat(s.isOpen()).isFalse();
        assertThat(s.registry().get(Dpid.of(0x2a))).isEmpty();
    }

    @Test
    void anEchoReplyThatAnswersNothingDoesNotKeepTheSwitch() {
        for (int i = 0; i < 5; i++) {
            s.advance(SECOND);
            s.frames();
            s.send(F.buildEchoReply().setXid(0x999).build());
        }
        assertThat(s.isOpen()).isTrue();
        s.advance(SECOND);
        assertThat(s.isOpen()).isFalse();
    }

    @Test
    void anyOtherMessageProvesTheSwitchAliveWithoutEchoes() {
        for (int i = 0; i < 20; i++) {
            s.advance(SECOND);
            s.send(F.buildBarrierReply().setXid(0x7777).build());
        }
        assertThat(s.frames()).isEmpty();
        assertThat(s.isOpen()).isTrue();
    }
}
