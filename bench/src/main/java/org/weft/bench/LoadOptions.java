package org.weft.bench;

import picocli.CommandLine.Option;

/** Options shared by the packet-in modes (a picocli mixin). */
final class LoadOptions {

    @Option(
            names = "--controller",
            paramLabel = "HOST:PORT",
            defaultValue = "127.0.0.1:6653",
            description = "Controller to load (default: ${DEFAULT-VALUE}).")
    String controller;

    @Option(
            names = {"-s", "--switches"},
            defaultValue = "16",
            description = "Emulated switches (default: ${DEFAULT-VALUE}).")
    int switches;

    @Option(
            names = {"-m", "--hosts"},
            defaultValue = "1000",
            description = "Distinct host MACs per switch (default: ${DEFAULT-VALUE}).")
    int hosts;

    @Option(
            names = "--ports",
            defaultValue = "4",
            description = "Host ports per switch (default: ${DEFAULT-VALUE}).")
    int ports;

    @Option(
            names = {"-w", "--warmup"},
            defaultValue = "3",
            description = "Seconds of load before measuring (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(
            names = {"-d", "--seconds"},
            defaultValue = "10",
            description = "Measured seconds (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
            names = "--io-threads",
            defaultValue = "1",
            description = "Generator I/O threads (default: ${DEFAULT-VALUE}).")
    int ioThreads;

    @Option(
            names = "--stall-ms",
            defaultValue = "250",
            description =
                    "Refill a switch's window after this long without an answer (default:"
                            + " ${DEFAULT-VALUE}).")
    long stallMillis;

    @Option(
            names = "--dpid-base",
            defaultValue = "1",
            description = "DPID of the first switch (default: ${DEFAULT-VALUE}).")
    long dpidBase;

    String host() {
        return hostOf(controller);
    }

    int port() {
        return portOf(controller);
    }

    /** The host of {@code HOST[:PORT]}. */
    static String hostOf(String controller) {
        int colon = controller.lastIndexOf(':');
        return colon < 0 ? controller : controller.substring(0, colon);
    }

    /** The port of {@code HOST[:PORT]}, 6653 when absent. */
    static int portOf(String controller) {
        int colon = controller.lastIndexOf(':');
        return colon < 0 ? 6653 : Integer.parseInt(controller.substring(colon + 1));
    }
}
