package org.weft.bench;

import picocli.CommandLine.Option;

/** Options of the flood mode (see {@link FloodRun}). */
final class FloodOptions {

    @Option(
            names = "--controller",
            paramLabel = "HOST:PORT",
            defaultValue = "127.0.0.1:6653",
            description = "Controller to flood (default: ${DEFAULT-VALUE}).")
    String controller;

    @Option(
            names = {"-s", "--switches"},
            defaultValue = "16",
            description = "Emulated OpenFlow 1.0 switches (default: ${DEFAULT-VALUE}).")
    int switches;

    @Option(
            names = {"-m", "--hosts"},
            defaultValue = "100",
            description = "Distinct hosts per switch, 2..100000 (default: ${DEFAULT-VALUE}).")
    int hosts;

    @Option(
            names = "--ports",
            defaultValue = "4",
            description = "Host ports per switch (default: ${DEFAULT-VALUE}).")
    int ports;

    @Option(
            names = {"-d", "--seconds"},
            defaultValue = "30",
            description =
                    "Length of the run from the first connection; no warm-up (default:"
                            + " ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
            names = "--warmup",
            defaultValue = "0",
            description =
                    "Seconds from the first connection that answered/s after warm-up leaves out"
                            + " (the flood still starts at once, and everything else counts from"
                            + " the first byte); less than --seconds (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--late-switches",
            defaultValue = "1",
            description =
                    "More switches that connect halfway through the run, while the others flood:"
                            + " their handshakes show whether a flood delays a newcomer (default:"
                            + " ${DEFAULT-VALUE}).")
    int lateSwitches;

    @Option(
            names = "--queue-kib",
            defaultValue = "64",
            description =
                    "Bytes each switch keeps queued in its channel above the socket's own send"
                            + " buffer: the high water mark, in KiB (default: ${DEFAULT-VALUE}).")
    int queueKib;

    @Option(
            names = "--sndbuf-kib",
            defaultValue = "64",
            description =
                    "Each switch's kernel send buffer, in KiB (default: ${DEFAULT-VALUE}, the"
                            + " classic generator's 64 KiB; 0 leaves it to Linux, which grows it"
                            + " to megabytes, so the generator spends its first second writing"
                            + " them and its own reading lags: the handshake times then measure"
                            + " the generator).")
    int sndbufKib;

    @Option(
            names = "--io-threads",
            defaultValue = "2",
            description =
                    "Generator I/O threads (default: ${DEFAULT-VALUE}: with one, a switch's"
                            + " reading waits while the others' floods are written, and the"
                            + " handshake times measure the generator, not the controller).")
    int ioThreads;

    @Option(
            names = "--dpid-base",
            defaultValue = "1",
            description = "DPID of the first switch (default: ${DEFAULT-VALUE}).")
    long dpidBase;

    @Option(
            names = "--controller-pid",
            paramLabel = "PID",
            description =
                    "Process of the controller, on this machine: report its heap (jcmd"
                            + " GC.heap_info), threads and RSS (/proc).")
    Long controllerPid;

    @Option(
            names = "--rest",
            paramLabel = "URL",
            defaultValue = "http://127.0.0.1:8181",
            description =
                    "Weft's REST API, for the packet-ins it dropped; n/a when absent, and"
                            + " without asking with 'none' (a controller without one, such as"
                            + " ovs-testcontroller; default: ${DEFAULT-VALUE}).")
    String restUrl;

    /** Whether {@code --rest none}: the controller has no REST API to ask. */
    boolean noRest() {
        return "none".equalsIgnoreCase(restUrl);
    }

    String host() {
        return LoadOptions.hostOf(controller);
    }

    int port() {
        return LoadOptions.portOf(controller);
    }
}
