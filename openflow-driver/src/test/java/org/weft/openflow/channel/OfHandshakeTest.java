package org.weft.openflow.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFEchoReply;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesRequest;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFHelloFailedCode;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.errormsg.OFHelloFailedErrorMsg;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.U32;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;
import org.weft.openflow.OfConfig;

/** The handshake state machine, driven by a scripted switch on an embedded channel. */
class OfHandshakeTest {

    private final OfSwitchRegistry registry = new OfSwitchRegistry(Duration.ofSeconds(1));
    private final RecordingListener listener = new RecordingListener();
    private SwitchScript s;

    private SwitchScript connect(OfConfig config) {
        registry.addListener(listener);
        s = SwitchScript.connect(config, registry);
        assertThat(s.messages()).singleElement().satisfies(h -> assertThat(h.getXid()).isZero());
        return s;
    }

    @AfterEach
    void close() {
        if (s != null) {
            s.close();
        }
    }

    private static OFMessage helloWithBitmap(OFVersion header, OFVersion... offered) {
        long bits = 0;
        for (OFVersion v : offered) {
            bits |= 1L << v.getWireVersion();
        }
        OFFactory f = OFFactories.getFactory(header);
        return f.buildHello()
                .setXid(9)
                .setElements(
                        List.of(
                                f.buildHelloElemVersionbitmap()
                                        .setBitmaps(List.of(U32.of(bits)))
                                        .build()))
                .build();
    }

    private static OFMessage features(OFVersion v, long dpid) {
        return OFFactories.getFactory(v)
                .buildFeaturesReply()
                .setXid(1)
                .setDatapathId(DatapathId.of(dpid))
                .build();
    }

    private static OFPacketIn packetIn(OFVersion v, long xid) {
        return TestPacketIns.tableMiss(OFFactories.getFactory(v), xid);
    }

    @Test
    void anOpenFlow13SwitchIsAskedItsFeaturesAndPortsThenConfiguredAndRegistered() {
        connect(OfConfig.defaults());
        OFFactory f = OFFactories.getFactory(OFVersion.OF_13);
        s.send(helloWithBitmap(OFVersion.OF_13, OFVersion.OF_10, OFVersion.OF_13));
        assertThat(s.messages())
                .singleElement()
                .isInstanceOfSatisfying(
                        OFFeaturesRequest.class,
                        r -> assertThat(r.getVersion()).isEqualTo(OFVersion.OF_13));
        assertThat(s.state()).isEqualTo(OfHandshake.State.WAIT_FEATURES);

        s.send(features(OFVersion.OF_13, 0x2a));
        assertThat(s.messages()).singleElement().isInstanceOf(OFPortDescStatsRequest.class);
        assertThat(s.state()).isEqualTo(OfHandshake.State.WAIT_PORT_DESC);

        s.send(
                f.buildPortDescStatsReply()
                        .setXid(2)
                        .setEntries(List.of(SwitchScript.port(f, 1), SwitchScript.port(f, 2)))
                        .build());
        List<OFMessage> config = s.messages();
        assertThat(config)
                .extracting(OFMessage::getType)
                .containsExactly(OFType.SET_CONFIG, OFType.FLOW_MOD, OFType.BARRIER_REQUEST);
        assertThat(config.get(1)).isInstanceOf(OFFlowAdd.class);
        assertThat(config).extracting(OFMessage::getXid).containsExactly(3L, 4L, 5L);
        assertThat(s.state()).isEqualTo(OfHandshake.State.ACTIVE);
        assertThat(listener.connected)
                .singleElement()
                .satisfies(
                        sw -> {
                            assertThat(sw.dpid()).isEqualTo(Dpid.of(0x2a));
                            assertThat(sw.version()).isEqualTo(OFVersion.OF_13);
                            assertThat(sw.ports())
                                    .containsOnlyKeys(PortNumber.of(1), PortNumber.of(2));
                        });
    }

    @Test
    void anOpenFlow10SwitchBringsItsPortsWithItsFeaturesAndGetsNoTableMissFlow() {
        connect(OfConfig.defaults());
        OFFactory f = OFFactories.getFactory(OFVersion.OF_10);
        s.send(SwitchScript.hello(OFVersion.OF_10));
        assertThat(s.messages())
                .singleElement()
                .satisfies(m -> assertThat(m.getVersion()).isEqualTo(OFVersion.OF_10));
        s.send(
                f.buildFeaturesReply()
                        .setXid(1)
                        .setDatapathId(DatapathId.of(0x10))
                        .setPorts(List.of(SwitchScript.port(f, 7)))
                        .build());
        assertThat(s.messages())
                .extracting(OFMessage::getType)
                .containsExactly(OFType.SET_CONFIG, OFType.BARRIER_REQUEST);
        assertThat(s.state()).isEqualTo(OfHandshake.State.ACTIVE);
        assertThat(registry.get(Dpid.of(0x10)).orElseThrow().ports())
                .containsOnlyKeys(PortNumber.of(7));
    }

    @Test
    void theHighestVersionInBothBitmapsIsChosen() {
        connect(OfConfig.defaults());
        s.send(helloWithBitmap(OFVersion.OF_15, OFVersion.OF_13, OFVersion.OF_14, OFVersion.OF_15));
        assertThat(s.messages())
                .singleElement()
                .satisfies(m -> assertThat(m.getVersion()).isEqualTo(OFVersion.OF_13));
    }

    @Test
    void aBitmapOfferingOnly10Gets10EvenInA13Header() {
        connect(OfConfig.defaults());
        s.send(helloWithBitmap(OFVersion.OF_13, OFVersion.OF_10));
        assertThat(s.messages())
                .singleElement()
                .satisfies(m -> assertThat(m.getVersion()).isEqualTo(OFVersion.OF_10));
    }

    @Test
    void noCommonVersionIsAnsweredWithHelloFailedInTheSwitchsVersionAndTheChannelClosed() {
        connect(OfConfig.defaults());
        s.send(helloWithBitmap(OFVersion.OF_14, OFVersion.OF_14));
        assertThat(s.messages())
                .singleElement()
                .isInstanceOfSatisfying(
                        OFHelloFailedErrorMsg.class,
                        e -> {
                            assertThat(e.getVersion()).isEqualTo(OFVersion.OF_14);
                            assertThat(e.getCode()).isEqualTo(OFHelloFailedCode.INCOMPATIBLE);
                            assertThat(e.getXid()).isEqualTo(9);
                        });
        assertThat(s.isOpen()).isFalse();
        assertThat(s.state()).isEqualTo(OfHandshake.State.CLOSED);
        assertThat(listener.connected).isEmpty();
    }

    @Test
    void anythingButHelloFirstClosesTheChannel() {
        connect(OfConfig.defaults());
        s.send(features(OFVersion.OF_13, 0x2a));
        assertThat(s.isOpen()).isFalse();
        assertThat(s.messages()).isEmpty();
        assertThat(listener.connected).isEmpty();
    }

    @Test
    void anEchoRequestBeforeHelloIsAnsweredInItsOwnVersion() {
        connect(OfConfig.defaults());
        OFFactory f = OFFactories.getFactory(OFVersion.OF_10);
        s.send(f.buildEchoRequest().setXid(3).setData(new byte[] {1, 2}).build());
        assertThat(s.messages())
                .singleElement()
                .isInstanceOfSatisfying(
                        OFEchoReply.class,
                        r -> {
                            assertThat(r.getVersion()).isEqualTo(OFVersion.OF_10);
                            assertThat(r.getXid()).isEqualTo(3);
                            assertThat(r.getData()).containsExactly(1, 2);
                        });
        assertThat(s.isOpen()).isTrue();
        assertThat(s.state()).isEqualTo(OfHandshake.State.WAIT_HELLO);
    }

    @Test
    void packetInsBeforeFeaturesAreDroppedAndLaterOnesKeptUntilTheSwitchIsActive() {
        connect(OfConfig.defaults());
        OFFactory f = OFFactories.getFactory(OFVersion.OF_13);
        s.send(helloWithBitmap(OFVersion.OF_13, OFVersion.OF_13));
        s.send(packetIn(OFVersion.OF_13, 100));
        assertThat(s.packetInsDropped()).isEqualTo(1);
        s.send(features(OFVersion.OF_13, 0x2a));
        s.send(packetIn(OFVersion.OF_13, 101));
        s.send(packetIn(OFVersion.OF_13, 102));
        assertThat(listener.packetIns).isEmpty();
        s.send(f.buildPortDescStatsReply().setXid(2).build());
        assertThat(s.state()).isEqualTo(OfHandshake.State.ACTIVE);
        assertThat(listener.packetIns).extracting(PacketIn::xid).containsExactly(101L, 102L);
        assertThat(s.packetInsDropped()).isEqualTo(1);
    }

    @Test
    void withARoleToClaimTheSwitchIsRegisteredOnlyWhenTheConfigurationBarrierReturns() {
        OfConfig c = OfConfig.defaults();
        connect(
                new OfConfig(
                        c.bindAddress(),
                        c.ports(),
                        c.handshakeTimeout(),
                        c.echoInterval(),
                        c.echoMissLimit(),
                        c.duplicateProbeTimeout(),
                        c.missSendLen(),
                        true,
                        c.workerThreads(),
                        null,
                        c.limits()));
        OFFactory f = OFFactories.getFactory(OFVersion.OF_13);
        s.send(helloWithBitmap(OFVersion.OF_13, OFVersion.OF_13));
        s.send(features(OFVersion.OF_13, 0x2a));
        s.frames();
        s.send(f.buildPortDescStatsReply().setXid(2).build());
        List<OFMessage> config = s.messages();
        assertThat(config.get(2))
                .isInstanceOfSatisfying(
                        OFRoleRequest.class,
                        r -> assertThat(r.getRole()).isEqualTo(OFControllerRole.ROLE_MASTER));
        assertThat(config.get(3).getXid()).isEqualTo(6);
        assertThat(s.state()).isEqualTo(OfHandshake.State.WAIT_CONFIG_BARRIER);

        s.send(f.buildBarrierReply().setXid(5).build());
        assertThat(s.state()).isEqualTo(OfHandshake.State.WAIT_CONFIG_BARRIER);
        s.send(f.buildBarrierReply().setXid(6).build());
        assertThat(s.state()).isEqualTo(OfHandshake.State.ACTIVE);
        assertThat(listener.connected).hasSize(1);
    }

    @Test
    void aHandshakeNotDoneInTimeIsClosed() {
        connect(OfConfig.defaults().withHandshakeTimeout(Duration.ofSeconds(5)));
        s.send(helloWithBitmap(OFVersion.OF_13, OFVersion.OF_13));
        s.advance(Duration.ofMillis(4_999));
        assertThat(s.isOpen()).isTrue();
        s.advance(Duration.ofMillis(1));
        assertThat(s.isOpen()).isFalse();
        assertThat(listener.connected).isEmpty();
    }

    @Test
    void aFinishedHandshakeIsNotTimedOut() {
        connect(
                OfConfig.defaults()
                        .withHandshakeTimeout(Duration.ofSeconds(5))
                        .withKeepalive(Duration.ofMinutes(1), 3));
        s.handshake(OFVersion.OF_13, 0x2a, 1);
        s.advance(Duration.ofSeconds(6));
        assertThat(s.isOpen()).isTrue();
        assertThat(s.state()).isEqualTo(OfHandshake.State.ACTIVE);
    }

    @Test
    void aHandshakeCountsAsUnderWayOnItsThreadUntilTheSwitchIsActiveOrGone() {
        int before = IoThreadHandshakes.pending();
        connect(OfConfig.defaults());
        assertThat(IoThreadHandshakes.pending()).isEqualTo(before + 1);
        assertThat(IoThreadHandshakes.nonePending()).isFalse();
        s.handshake(OFVersion.OF_13, 0x2a, 1);
        assertThat(s.state()).isEqualTo(OfHandshake.State.ACTIVE);
        assertThat(IoThreadHandshakes.pending()).isEqualTo(before);

        SwitchScript gone = SwitchScript.connect(OfConfig.defaults(), registry);
        gone.send(SwitchScript.hello(OFVersion.OF_13));
        assertThat(IoThreadHandshakes.pending()).isEqualTo(before + 1);
        gone.close();
        assertThat(IoThreadHandshakes.pending()).isEqualTo(before);
    }

    @Test
    void aSecondConnectionWithALiveSwitchsDpidIsRefused() {
        connect(OfConfig.defaults());
        s.handshake(OFVersion.OF_13, 0x2a, 1);
        try (SwitchScript second = SwitchScript.connect(OfConfig.defaults(), registry)) {
            second.handshake(OFVersion.OF_13, 0x2a, 1);
            assertThat(second.state()).isEqualTo(OfHandshake.State.REGISTERING);
            // The registry probes the first channel with an echo; it answers: it is alive.
            OFMessage probe =
                    s.messages().stream()
                            .filter(m -> m.getType() == OFType.ECHO_REQUEST)
                            .findFirst()
                            .orElseThrow();
            s.send(
                    OFFactories.getFactory(OFVersion.OF_13)
                            .buildEchoReply()
                            .setXid(probe.getXid())
                            .build());
            second.frames();
            assertThat(second.isOpen()).isFalse();
            assertThat(listener.connected).hasSize(1);
        }
    }
}
