package org.weft.mininet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts and restores the s1-s2 cable of a ring over and over while h1 pings h2 every 10 ms, and
 * measures each cut's outage as the largest gap between ping replies.
 */
final class Outages {

    /** Outages of each cut (ms) and pings lost over all cuts. */
    record Result(List<Double> outagesMs, int lost) {
        double worst() {
            return outagesMs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    private Outages() {}

    static Result cutRepeatedly(Fabric fabric, MininetDriver mininet, int cuts) {
        List<Double> outages = new ArrayList<>();
        int lost = 0;
        for (int i = 0; i < cuts; i++) {
            int trace = mininet.pingBackgroundStart("h1", "h2", Duration.ofMillis(10));
            Wait.until(
                    "pings flow",
                    Duration.ofSeconds(5),
                    () -> fabric.unreachable(List.of(List.of("h1", "h2"))).isEmpty());
            fabric.cut("s1", "s2");
            fabric.awaitAllReach(
                    List.of(List.of("h1", "h2")), Duration.ofSeconds(15), "after cut " + i);
            MininetDriver.PingTrace t = mininet.pingBackgroundStop(trace);
            outages.add(t.maxGapMs());
            lost += t.sent() - t.received();
            fabric.restore("s1", "s2");
            fabric.awaitNoDeadPortEntries(Duration.ofSeconds(15), "after restore " + i);
            fabric.awaitAllReach(
                    List.of(List.of("h1", "h2")), Duration.ofSeconds(15), "after restore " + i);
        }
        return new Result(outages, lost);
    }
}
