package org.weft.mininet;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the suite's inputs are, and whether this machine can run it. Without root, Open vSwitch,
 * Mininet or the jar, tests are skipped with a clear message; under {@code CI=true} they fail.
 */
public final class MininetEnvironment {
    /** Debian's Python, which is where the mininet package lives. */
    static final String PYTHON = "/usr/bin/python3";

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(20);

    private MininetEnvironment() {}

    /** The controller jar under test ({@code -Dweft.jar=...}). */
    public static Path weftJar() {
        return Path.of(System.getProperty("weft.jar", "../controller-dist/target/weft.jar"))
                .toAbsolutePath()
                .normalize();
    }

    /** Root of the per-test directories ({@code -Dweft.mininet.reports=...}). */
    public static Path reportsDir() {
        return Path.of(System.getProperty("weft.mininet.reports", "target/mininet-reports"))
                .toAbsolutePath()
                .normalize();
    }

    /** The JSON-lines Mininet driver script. */
    public static Path driverScript() {
        return Path.of(System.getProperty("weft.mininet.driver", "src/test/python/weft_mininet.py"))
                .toAbsolutePath()
                .normalize();
    }

    static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static List<String> cachedProblems;

    /**
     * Skips the calling test (or fails it under {@code CI=true}) if the machine is not ready. The
     * machine is checked once per JVM.
     */
    public static synchronized void assumeReady() {
        if (cachedProblems == null) {
            cachedProblems = List.copyOf(problems());
        }
        List<String> problems = cachedProblems;
        if (problems.isEmpty()) {
            return;
        }
        String message =
                "Mininet suite cannot run here: "
                        + String.join("; ", problems)
                        + ". Run scripts/ensure-ovs.sh as root, then mvn -Pmininet verify as root.";
        if (isCi()) {
            fail(message + " (CI=true: failing instead of skipping)");
        }
        Assumptions.abort(message);
    }

    /** What is missing on this machine, empty when the suite can run. */
    static List<String> problems() {
        List<String> problems = new ArrayList<>();
        Commands.Result uid = Commands.run(CHECK_TIMEOUT, List.of("id", "-u"));
        if (!uid.ok() || !uid.output().strip().equals("0")) {
            problems.add("not running as root (id -u: " + uid.output().strip() + ")");
        }
        if (!Files.isExecutable(Path.of(PYTHON))) {
            problems.add(PYTHON + " not found");
        } else if (!Commands.run(CHECK_TIMEOUT, List.of(PYTHON, "-c", "import mininet.net")).ok()) {
            problems.add("Mininet is not importable from " + PYTHON + " (apt-get install mininet)");
        }
        if (!Commands.run(CHECK_TIMEOUT, List.of("ovs-vsctl", "-t", "5", "show")).ok()) {
            problems.add("Open vSwitch does not answer 'ovs-vsctl show'");
        }
        for (String tool : List.of("mn", "ovs-ofctl", "ping")) {
            if (!Commands.run(CHECK_TIMEOUT, List.of("sh", "-c", "command -v " + tool)).ok()) {
                problems.add(tool + " not on PATH");
            }
        }
        if (!Files.isRegularFile(weftJar())) {
            problems.add("controller jar missing: " + weftJar() + " (build controller-dist)");
        }
        if (!Files.isRegularFile(driverScript())) {
            problems.add("driver script missing: " + driverScript());
        }
        return problems;
    }
}
