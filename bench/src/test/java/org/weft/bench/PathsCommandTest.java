package org.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Runs {@code weft-bench paths} on a k=4 fat tree for a few milliseconds: it runs and prints. */
class PathsCommandTest {

    @Test
    void printsEveryOperationForASmallFatTree() {
        StringWriter text = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(text));
        int code = cli.execute("paths", "--fat-tree", "4", "--warmup-ms", "1", "--measure-ms", "1");
        assertThat(code).isZero();
        assertThat(text.toString())
                .contains("fat tree k=4, 20 switches, 64 directed links")
                .contains("weighted view build")
                .contains("shortest path first->last (LATENCY)")
                .contains("shortest path first->last (HOP_COUNT)")
                .contains("equal-cost next hops to last")
                .contains("equal-cost paths first->last")
                .contains("k shortest paths first->last (LATENCY, k=4)")
                .contains("ms/op");
    }

    @Test
    void syntheticFatTreeHasTheEmulatorsShape() {
        var snap = FatTreeSnapshot.build(16, 1);
        assertThat(snap.switches()).hasSize(320);
        assertThat(snap.links()).hasSize(4096);
        assertThat(snap.components()).hasSize(1);
    }
}
