package org.weft.mininet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts and restores the s1-s2 cable of a ring over and over while h1 pings h2 every 10 ms, and
 * measures each cut's outage as the largest gap between ping replies.
 */
final class Outages {

    /**
     * Outages of each cut (ms), pings lost over all cuts, one line per cut (outage, when it started
     * relative to the cut request, pings lost), and the wall-clock time of each cut request.
     */
    record Result(List<Double> outagesMs, int lost, List<String> perCut, List<Long> cutAtMillis) {
        double worst() {
            return outagesMs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    private Outages() {}

    static Result cutRepeatedly(Fabric fabric, MininetDriver mininet, int cuts) {
        List<Double> outages = new ArrayList<>();
        List<String> perCut = new ArrayList<>();
        List<Long> cutAt = new ArrayList<>();
        int lost = 0;
        int toS2 = fabric.port("s1", "s2");
        for (int i = 0; i < cuts; i++) {
            int trace = mininet.pingBackgroundStart("h1", "h2", Duration.ofMillis(10));
            Wait.until(
                    "pings flow",
                    Duration.ofSeconds(5),
                    () -> fabric.unreachable(List.of(List.of("h1", "h2"))).isEmpty());
            // After a restore the route comes back to s1-s2 only after the recovery hold-down:
            // cut only once the pings use the cable again, or the cut would miss the traffic.
            long before = fabric.txPackets("s1", toS2);
            Wait.until(
                    "the h1->h2 pings leave s1 toward s2 before cut " + i,
                    Duration.ofSeconds(10),
                    () -> fabric.txPackets("s1", toS2) >= before + 30);
            long cutAtMs = System.currentTimeMillis();
            cutAt.add(cutAtMs);
            fabric.cut("s1", "s2");
            fabric.awaitAllReach(
                    List.of(List.of("h1", "h2")), Duration.ofSeconds(15), "after cut " + i);
            PingTrace t = mininet.pingBackgroundStop(trace);
            outages.add(t.maxGapMs());
            lost += t.lost();
            perCut.add(
                    String.format(
                            "cut %d: outage %.1f ms from %+.1f ms after the cut request, %d lost",
                            i, t.maxGapMs(), t.maxGapAfterEpochS() * 1000 - cutAtMs, t.lost()));
            fabric.restore("s1", "s2");
            fabric.awaitNoDeadPortEntries(Duration.ofSeconds(15), "after restore " + i);
            fabric.awaitAllReach(
                    List.of(List.of("h1", "h2")), Duration.ofSeconds(15), "after restore " + i);
        }
        return new Result(outages, lost, perCut, cutAt);
    }
}
