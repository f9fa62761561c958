package org.weft.mininet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInfo;

/**
 * Base class for Mininet tests. Per test: a directory {@code <reports>/<Class>/<test>} holding the
 * controller log, the driver log, {@code mn -c} output and flow dumps; a fresh Mininet driver
 * (which cleans with {@code mn -c} before and after); the controller, started on demand. Teardown
 * always stops both, and fails the test if the controller log holds ERROR lines or stack traces.
 * Tagged {@code mininet} (inherited): the build runs these only with {@code -Pmininet}.
 */
@Tag("mininet")
public abstract class MininetTestSupport {
    /** Per-test directory for logs and dumps. */
    protected Path testDir;

    /** The Mininet driver, started before each test. */
    protected MininetDriver mininet;

    /** The controller, once {@link #startWeft()} was called. */
    protected WeftProcess weft;

    /** The built fabric with its port map and the failures the test caused, after build(). */
    protected Fabric fabric;

    private final List<WeftProcess> stoppedWefts = new ArrayList<>();
    private List<String> builtSwitches = List.of();
    private OvsLog ovsLog;

    @BeforeEach
    void startDriver(TestInfo info) throws IOException {
        // Per test rather than @BeforeAll, so that every skipped test shows the reason.
        MininetEnvironment.assumeReady();
        String method = info.getTestMethod().map(m -> m.getName()).orElse("test");
        String display = info.getDisplayName().replaceAll("[^A-Za-z0-9_.-]+", "_");
        String name = display.startsWith(method) ? display : method + "_" + display;
        testDir =
                MininetEnvironment.reportsDir()
                        .resolve(getClass().getSimpleName())
                        .resolve(name.replaceAll("_+$", ""));
        Files.createDirectories(testDir);
        try (var old = Files.walk(testDir)) { // files of an earlier run, weft-data/ included
            for (Path file : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!file.equals(testDir)) {
                    Files.deleteIfExists(file);
                }
            }
        }
        ovsLog = OvsLog.mark();
        mininet = MininetDriver.start(testDir);
    }

    /** Starts the packaged controller (this run's copy of it) on free ports. */
    protected WeftProcess startWeft() throws IOException {
        weft = WeftProcess.start(MininetEnvironment.weftJarUnderTest(), testDir);
        return weft;
    }

    /** Starts the controller with a configuration file (YAML) written into the test directory. */
    protected WeftProcess startWeft(String yaml) throws IOException {
        Path config = testDir.resolve("weft.yaml");
        java.nio.file.Files.writeString(config, yaml);
        weft =
                WeftProcess.start(
                        MininetEnvironment.weftJarUnderTest(),
                        testDir,
                        WeftProcess.freePort(),
                        WeftProcess.freePort(),
                        "weft.log",
                        List.of("--config", config.toString()));
        return weft;
    }

    /**
     * Stops the running controller (SIGTERM by PID) and starts the same jar again on the same
     * ports, where the switches look for it; the new output goes to {@code weft-<n>.log}.
     */
    protected void stopWeft() {
        if (weft == null) {
            throw new IllegalStateException("no controller running");
        }
        weft.stop();
        stoppedWefts.add(weft);
    }

    /** Starts the controller again on the ports of the one {@link #stopWeft()} stopped. */
    protected WeftProcess restartWeft() throws IOException {
        WeftProcess last = stoppedWefts.get(stoppedWefts.size() - 1);
        weft =
                WeftProcess.start(
                        MininetEnvironment.weftJarUnderTest(),
                        testDir,
                        last.openflowPort(),
                        last.restPort(),
                        "weft-" + (stoppedWefts.size() + 1) + ".log");
        return weft;
    }

    /** Builds {@code topology} against the running controller, hosts silent until used. */
    protected void build(Topology topology, OpenFlowVersion version) {
        build(topology, version, true);
    }

    /**
     * Builds, then waits until every switch is connected, the controller programmed a spanning tree
     * over the whole fabric (so the links are discovered), and every host announced itself and has
     * its route on every switch, before the test sends traffic.
     */
    protected void buildAndDiscover(Topology topology, OpenFlowVersion version) {
        build(topology, version);
        fabric.awaitConnected(Duration.ofSeconds(30), topology.name());
        fabric.awaitSpanningTree(Duration.ofSeconds(30), "after build");
        fabric.announceHosts(Duration.ofSeconds(30));
    }

    /** Builds {@code topology}; {@code quietHosts} false lets hosts chat (IPv6) from the start. */
    protected void build(Topology topology, OpenFlowVersion version, boolean quietHosts) {
        if (weft == null) {
            throw new IllegalStateException("startWeft() first");
        }
        afterBuild(
                topology,
                version,
                mininet.build(topology, version, weft.openflowPort(), quietHosts));
    }

    /**
     * Builds {@code topology} with every switch connected to a controller on each of {@code
     * controllerPorts} (a cluster the test started itself), hosts silent until used.
     */
    protected void buildWithControllers(
            Topology topology, OpenFlowVersion version, List<Integer> controllerPorts) {
        afterBuild(topology, version, mininet.build(topology, version, controllerPorts));
    }

    private void afterBuild(
            Topology topology,
            OpenFlowVersion version,
            com.fasterxml.jackson.databind.JsonNode answer) {
        builtSwitches = topology.switchNames();
        fabric = new Fabric(mininet, topology, version, answer);
        StringBuilder macs =
                new StringBuilder("# node interface/ip mac (for reading flow dumps)\n");
        answer.path("hosts")
                .forEach(
                        h ->
                                macs.append(h.path("name").asText())
                                        .append(' ')
                                        .append(h.path("ip").asText())
                                        .append(' ')
                                        .append(h.path("mac").asText())
                                        .append('\n'));
        answer.path("switch_interfaces")
                .fields()
                .forEachRemaining(
                        e ->
                                macs.append("switch ")
                                        .append(e.getKey())
                                        .append(' ')
                                        .append(e.getValue().asText())
                                        .append('\n'));
        try {
            Files.writeString(testDir.resolve("macs.txt"), macs, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("Cannot write macs.txt: " + e);
        }
        if (!answer.path("tx_offload_off").asBoolean(false)) {
            System.out.println("ethtool missing: TX checksum offload stays on (TCP may fail)");
        }
    }

    /** Appends a measured value to {@code measurements.txt} of the test and to stdout. */
    protected void record(String line) {
        System.out.println("MEASURED " + line);
        try {
            Files.writeString(
                    testDir.resolve("measurements.txt"),
                    line + "\n",
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("Cannot write measurements.txt: " + e);
        }
    }

    @AfterEach
    void tearDown() {
        List<Throwable> failures = new ArrayList<>();
        if (mininet != null) { // null when the test was skipped or the driver did not start
            try {
                dumpFlows();
            } catch (RuntimeException e) {
                failures.add(e);
            }
            try {
                mininet.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        checkOvsLog(failures);
        List<WeftProcess> all = new ArrayList<>(stoppedWefts);
        if (weft != null && !stoppedWefts.contains(weft)) {
            all.add(weft);
        }
        for (WeftProcess weft : all) {
            int exit = weft.stop();
            System.out.println("Weft exited with " + exit + "; log: " + weft.log());
            List<String> problems = weft.problemLines();
            if (!problems.isEmpty()) {
                failures.add(
                        new AssertionError(
                                "Controller log "
                                        + weft.log()
                                        + " holds errors or stack traces:\n"
                                        + String.join("\n", problems)));
            }
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError("Teardown failed, see " + testDir);
            failures.forEach(error::addSuppressed);
            throw error;
        }
    }

    /**
     * Keeps this test's part of the ovs-vswitchd log; fails if a switch sent the controller an
     * OpenFlow error (a message it rejected).
     */
    private void checkOvsLog(List<Throwable> failures) {
        if (ovsLog == null) {
            return;
        }
        String text;
        try {
            text = ovsLog.sinceMark();
            Files.writeString(testDir.resolve("ovs-vswitchd.log"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("Cannot copy " + OvsLog.VSWITCHD_LOG + ": " + e);
            return;
        }
        if (weft != null) {
            List<String> errors = OvsLog.errorsSentTo(text, weft.openflowPort());
            if (!errors.isEmpty()) {
                failures.add(
                        new AssertionError(
                                "Switches sent OpenFlow errors to the controller:\n"
                                        + String.join("\n", errors)));
            }
        }
    }

    /** Best effort: keeps each switch's flows (and groups) next to the logs. */
    private void dumpFlows() {
        if (builtSwitches.isEmpty() || mininet.version().isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (String sw : builtSwitches) {
            text.append("### ").append(sw).append('\n');
            try {
                mininet.dumpFlows(sw).forEach(l -> text.append(l).append('\n'));
                if (mininet.version().get() != OpenFlowVersion.OF10) {
                    mininet.dumpGroups(sw).forEach(l -> text.append(l).append('\n'));
                }
            } catch (MininetDriverException e) {
                text.append("(not available: ").append(e.getMessage()).append(")\n");
            }
        }
        try {
            Files.writeString(testDir.resolve("flows.txt"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("Cannot write flows.txt: " + e);
        }
    }
}
