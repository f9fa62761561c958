package org.weft.mininet;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
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

    private static Path jarSnapshot;

    /**
     * A copy of {@link #weftJar()} taken once per test run in the reports directory, so that a
     * rebuild of the jar during the run cannot change or break the controller between tests. Its
     * origin, size, time and SHA-256 are written next to it.
     */
    public static synchronized Path weftJarUnderTest() throws IOException {
        if (jarSnapshot == null) {
            Path source = weftJar();
            Path dir = Files.createDirectories(reportsDir());
            Path copy = dir.resolve("weft-under-test.jar");
            Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(
                    dir.resolve("weft-under-test.txt"),
                    String.format(
                            "source: %s%nmodified: %s%nsize: %d%nsha256: %s%n",
                            source,
                            Files.getLastModifiedTime(source),
                            Files.size(copy),
                            sha256(copy)));
            jarSnapshot = copy;
        }
        return jarSnapshot;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
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
