package org.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Issue 12's overload acceptance, against the packaged jar: Weft ({@code controller-dist/target/
 * weft.jar}, a child process, freshly started per run) is flooded by 16, then 64 emulated OpenFlow
 * 1.0 switches for 30 s each ({@code weft-bench flood}). Every switch must stay connected for the
 * whole run, finish its handshake (connection to the first flow-mod or packet-out) within 1 s of
 * its connection, and get at least one answer. Each run's report (the same as the command's) goes
 * to {@code bench/target/flood/flood-N.txt}, Weft's log beside it.
 */
class FloodJarIT {

    private static final int SECONDS = 30;
    private static final double HANDSHAKE_LIMIT_MS = 1000;

    /** Switches that join halfway, into the others' flood: a newcomer's handshake is judged too. */
    private static final int LATE = 1;

    @ParameterizedTest(name = "{0} switches flood Weft for 30 s")
    @ValueSource(ints = {16, 64})
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void everySwitchStaysConnectedAndIsServedWithinASecond(int switches) throws Exception {
        Path dir = Path.of(System.getProperty("weft.flood.dir", "target/flood"), "run-" + switches);
        Files.createDirectories(dir);
        FloodResult r;
        FloodOptions opt;
        try (WeftJarProcess weft = WeftJarProcess.start(dir, "weft-" + switches)) {
            opt =
                    CommandLine.populateCommand(
                            new FloodOptions(),
                            "--controller=127.0.0.1:" + weft.openflowPort(),
                            "--rest=" + weft.restUrl(),
                            "--controller-pid=" + weft.pid(),
                            "--switches=" + switches,
                            "--late-switches=" + LATE,
                            "--seconds=" + SECONDS);
            r = new FloodRun(opt).run();
        }
        List<String> problems = r.problems(HANDSHAKE_LIMIT_MS);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            new Report(ps).flood(opt, r, problems);
        }
        String report = bytes.toString(StandardCharsets.UTF_8);
        Path reportFile = dir.resolveSibling("flood-" + switches + ".txt");
        Files.writeString(reportFile, report);
        System.out.print(report);

        String summary =
                String.format(
                        "%d switches flooding Weft for %d s: %d disconnected, %d of %d handshakes"
                                + " done (median %.0f ms, max %.0f ms), %.0f answers/s; full"
                                + " report %s, Weft's log %s",
                        switches,
                        SECONDS,
                        r.disconnects(),
                        r.handshakeMs().length,
                        switches + LATE,
                        FloodResult.median(r.handshakeMs()),
                        FloodResult.max(r.handshakeMs()),
                        r.answersPerSec(),
                        reportFile.toAbsolutePath(),
                        dir.resolve("weft-" + switches + ".log").toAbsolutePath());
        assertThat(r.switches()).as(summary).hasSize(switches + LATE);
        assertThat(problems)
                .as(
                        "%s%nEvery switch must stay connected, finish its handshake within %.0f ms"
                                + " of connecting and get an answer; these did not",
                        summary, HANDSHAKE_LIMIT_MS)
                .isEmpty();
    }
}
