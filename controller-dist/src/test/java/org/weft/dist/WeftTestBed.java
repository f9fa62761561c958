package org.weft.dist;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.FabricBuilder;

/** Weft on an ephemeral loopback port with an emulated fabric connected to it, closed together. */
final class WeftTestBed implements AutoCloseable {

    /** A 32-byte test key, hex. */
    static final String KEY = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    /**
     * The environment tests start Weft with: empty, so a caller's WEFT_API_TOKEN changes nothing.
     */
    static final UnaryOperator<String> NO_ENV = name -> null;

    final Weft weft;
    final EmulatedFabric fabric;

    WeftTestBed(FabricBuilder shape, long lldpIntervalMs) throws Exception {
        this(shape, config(lldpIntervalMs));
    }

    WeftTestBed(FabricBuilder shape, WeftConfig config) throws Exception {
        weft = Weft.start(config, NO_ENV);
        EmulatedFabric f = shape.build();
        f.recordDeliveries(true); // the tests read what reached the hosts
        try {
            f.connect("127.0.0.1", weft.openflowPorts().get(0), Duration.ofSeconds(30));
        } catch (Exception e) {
            f.close();
            weft.close();
            throw e;
        }
        fabric = f;
    }

    static WeftConfig config(long lldpIntervalMs) {
        WeftConfig c = new WeftConfig();
        c.openflow.bindAddress = "127.0.0.1";
        c.openflow.ports = List.of(0);
        c.topology.lldpIntervalMs = lldpIntervalMs;
        c.topology.hmacKey = KEY;
        c.rest.port = 0;
        try {
            c.dataDir = java.nio.file.Files.createTempDirectory("weft-test").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return c;
    }

    CoreServices core() {
        return weft.core();
    }

    static void waitUntil(BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not reached within " + timeout);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        fabric.close();
        weft.close();
    }
}
