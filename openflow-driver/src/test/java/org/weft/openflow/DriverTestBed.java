package org.weft.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.device.DeviceEvent;
import org.weft.openflow.emulator.EmulatedSwitch;
import org.weft.openflow.emulator.OpenFlowVersion;

/** A controller on an ephemeral loopback port plus emulated switches, closed together. */
public final class DriverTestBed implements AutoCloseable {

    public final OfController controller;
    public final BlockingQueue<DeviceEvent> events = new LinkedBlockingQueue<>();
    private final List<EmulatedSwitch> switches = new ArrayList<>();

    public DriverTestBed() throws InterruptedException {
        this(OfConfig.defaults());
    }

    public DriverTestBed(OfConfig config) throws InterruptedException {
        OfConfig c =
                new OfConfig(
                        "127.0.0.1",
                        List.of(0),
                        config.handshakeTimeout(),
                        config.echoInterval(),
                        config.echoMissLimit(),
                        config.duplicateProbeTimeout(),
                        config.missSendLen(),
                        config.sendRoleRequest(),
                        2,
                        config.tls(),
                        config.limits());
        controller = new OfController(c).start();
        controller.deviceService().addListener(events::add);
    }

    /** The emulator's name for a Loxi version (the emulator's API has no Loxi types). */
    public static OpenFlowVersion emulated(OFVersion v) {
        return switch (v) {
            case OF_10 -> OpenFlowVersion.OF_10;
            case OF_13 -> OpenFlowVersion.OF_13;
            default ->
                    throw new IllegalArgumentException("the emulator speaks 1.0 and 1.3, not " + v);
        };
    }

    public int port() {
        return controller.boundPorts().get(0);
    }

    public EmulatedSwitch connect(long dpid, OFVersion version) throws Exception {
        return connect(EmulatedSwitch.builder(dpid).version(emulated(version)).build());
    }

    public EmulatedSwitch connect(EmulatedSwitch sw) throws Exception {
        switches.add(sw);
        sw.connect("127.0.0.1", port()).get(5, TimeUnit.SECONDS);
        assertThat(sw.awaitHandshake(Duration.ofSeconds(5)))
                .as("handshake of %s", sw.dpid())
                .isTrue();
        waitUntil(() -> controller.deviceService().isConnected(sw.dpid()), Duration.ofSeconds(5));
        return sw;
    }

    /** Waits for the next device event of a type, skipping others. */
    public DeviceEvent nextEvent(DeviceEvent.Type type, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            DeviceEvent e =
                    events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e != null && e.type() == type) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " event within " + timeout);
    }

    public static void waitUntil(BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        switches.forEach(EmulatedSwitch::close);
        controller.close();
    }
}
