package org.weft.dist.overload;

import java.util.List;
import org.assertj.core.api.SoftAssertions;

/**
 * What an {@link OverloadBed} measured over one scenario, and the invariants every scenario must
 * keep ({@link #check}).
 */
record OverloadReport(
        double seconds,
        GoodSwitch.EchoStats echo,
        boolean goodClosed,
        String goodCloseCause,
        boolean goodRegisteredAtEnd,
        long healthChecks,
        long healthFailureCount,
        List<String> healthFailures,
        long maxHealthMillis,
        long listChecks,
        long listFailureCount,
        List<String> listFailures,
        long maxHeapUsed,
        long maxHeapAfterGc,
        long fullGcs,
        long minorGcs,
        long heapAfterFullGcAtEnd,
        long maxDirect,
        List<String> outOfMemoryErrors,
        String emergency,
        String logSummary) {

    void check(SoftAssertions softly) {
        softly.assertThat(emergency)
                .as(
                        "memory emergency: the JVM was running out of memory, so the hostile"
                                + " switches were closed to end the scenario early")
                .isNull();
        softly.assertThat(outOfMemoryErrors)
                .as(
                        "OutOfMemoryErrors thrown in this JVM (Weft's, caught and logged, or"
                                + " uncaught)")
                .isEmpty();
        softly.assertThat(maxHeapAfterGc / MemoryWatch.MIB)
                .as(
                        "largest heap left by a garbage collection during the scenario, MiB"
                                + " (bound %d MiB at -Xmx256m; %d full and %d young/mixed"
                                + " collections; raw used heap peaked at %d MiB)",
                        OverloadBed.HEAP_BOUND / MemoryWatch.MIB,
                        fullGcs,
                        minorGcs,
                        maxHeapUsed / MemoryWatch.MIB)
                .isLessThan(OverloadBed.HEAP_BOUND / MemoryWatch.MIB);
        softly.assertThat(heapAfterFullGcAtEnd / MemoryWatch.MIB)
                .as("heap used after a full collection at the end of the scenario, MiB")
                .isLessThan(OverloadBed.HEAP_BOUND / MemoryWatch.MIB);
        softly.assertThat(maxDirect / MemoryWatch.MIB)
                .as("direct memory in use at its peak, MiB (Netty's outbound buffers)")
                .isLessThan(OverloadBed.DIRECT_BOUND / MemoryWatch.MIB);
        softly.assertThat(goodClosed)
                .as("the good switch's TCP connection was closed (%s)", goodCloseCause)
                .isFalse();
        softly.assertThat(goodRegisteredAtEnd)
                .as("the good switch is still registered at the end")
                .isTrue();
        long expectedProbes = (long) (seconds * 1000 / GoodSwitch.PROBE_PERIOD.toMillis());
        softly.assertThat(echo.answered() + echo.lost())
                .as(
                        "echo requests the good switch got to send in %.1f s (too few: the"
                                + " prober itself starved, the measurement is void)",
                        seconds)
                .isGreaterThanOrEqualTo(Math.max(100, expectedProbes / 4));
        softly.assertThat(echo.answered())
                .as("echo round trips the good switch measured")
                .isGreaterThanOrEqualTo(100);
        softly.assertThat(echo.percentileMillis(99))
                .as("good switch echo RTT p99, ms (%s)", echo)
                .isLessThan(OverloadBed.ECHO_P99_LIMIT_MS);
        softly.assertThat(healthChecks)
                .as("GET /api/v1/health requests made in %.1f s", seconds)
                .isGreaterThanOrEqualTo((long) (seconds * 2));
        softly.assertThat(healthFailures)
                .as(
                        "GET /api/v1/health must answer 200 within %d ms every time: %d of %d"
                                + " failed, slowest %d ms",
                        RestProbe.HEALTH_LIMIT.toMillis(),
                        healthFailureCount,
                        healthChecks,
                        maxHealthMillis)
                .isEmpty();
        softly.assertThat(listChecks)
                .as("GET /api/v1/switches requests made")
                .isGreaterThanOrEqualTo((long) (seconds / 2));
        softly.assertThat(listFailures)
                .as(
                        "GET /api/v1/switches must list the good switch every time: %d of %d"
                                + " did not",
                        listFailureCount, listChecks)
                .isEmpty();
    }

    @Override
    public String toString() {
        return String.format(
                "  %.1f s measured%n"
                        + "  good switch: echo %s; connection closed: %s; registered at end:"
                        + " %s%n"
                        + "  health: %d checks, %d failed, slowest %d ms %s%n"
                        + "  switch list: %d checks, %d without the good switch %s%n"
                        + "  heap: raw peak %d MiB, peak after a GC %d MiB (%d full, %d"
                        + " young/mixed GCs), after full GC at end %d MiB; direct peak %d"
                        + " MiB%n"
                        + "  OutOfMemoryErrors: %s%n"
                        + "  memory emergency: %s%n"
                        + "  log: %s",
                seconds,
                echo,
                goodClosed ? "YES (" + goodCloseCause + ")" : "no",
                goodRegisteredAtEnd,
                healthChecks,
                healthFailureCount,
                maxHealthMillis,
                healthFailures,
                listChecks,
                listFailureCount,
                listFailures,
                maxHeapUsed / MemoryWatch.MIB,
                maxHeapAfterGc / MemoryWatch.MIB,
                fullGcs,
                minorGcs,
                heapAfterFullGcAtEnd / MemoryWatch.MIB,
                maxDirect / MemoryWatch.MIB,
                outOfMemoryErrors,
                emergency == null ? "none" : emergency,
                logSummary);
    }
}
