package org.weft.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one flood run measured.
 *
 * @param switches each switch's times and counts, taken when the run's time was up
 * @param answersPerSecond packet-ins answered in each second, as {@link Answers} counts them
 * @param packetInsPerSecond packet-ins written in each second
 * @param wallSeconds from the first connection to the end of the run
 * @param generatorCpuSeconds the generator's CPU time over the run (-1: unknown)
 * @param dropped packet-ins the controller says it dropped for these switches (-1: n/a), read right
 *     after the flood stopped
 * @param controller the controller's process (null without --controller-pid)
 */
record FloodResult(
        List<FloodSwitchResult> switches,
        long[] answersPerSecond,
        long[] packetInsPerSecond,
        double wallSeconds,
        double generatorCpuSeconds,
        long dropped,
        ControllerSample controller) {

    long answers() {
        return switches.stream().mapToLong(FloodSwitchResult::answers).sum();
    }

    double answersPerSec() {
        return perSecond(answers());
    }

    /**
     * Packet-ins answered per second in the run's seconds from {@code warmup} on (the JIT warm-up
     * of a JVM controller left out); over the whole run when {@code warmup} is 0.
     */
    double answersPerSecAfter(int warmup) {
        if (warmup <= 0 || warmup >= answersPerSecond.length) {
            return answersPerSec();
        }
        long sum = 0;
        for (int i = warmup; i < answersPerSecond.length; i++) {
            sum += answersPerSecond[i];
        }
        return (double) sum / (answersPerSecond.length - warmup);
    }

    double flowModsPerSec() {
        return perSecond(switches.stream().mapToLong(FloodSwitchResult::flowMods).sum());
    }

    double packetOutsPerSec() {
        return perSecond(switches.stream().mapToLong(FloodSwitchResult::packetOuts).sum());
    }

    long probes() {
        return switches.stream().mapToLong(FloodSwitchResult::probes).sum();
    }

    double packetInsPerSec() {
        return perSecond(switches.stream().mapToLong(FloodSwitchResult::packetInsSent).sum());
    }

    /** Dropped packet-ins per second, -1 when unknown. */
    double droppedPerSec() {
        return dropped < 0 ? -1 : perSecond(dropped);
    }

    /**
     * Answers per second of each switch while it was connected (a switch that joined halfway is not
     * halved), ascending.
     */
    double[] answersPerSecPerSwitch() {
        return switches.stream()
                .mapToDouble(
                        s -> {
                            double seconds = wallSeconds - Math.max(0, s.connectedMs()) / 1000;
                            return seconds <= 0 ? 0 : s.answers() / seconds;
                        })
                .sorted()
                .toArray();
    }

    /** Handshake times of the switches that finished it, ascending. */
    double[] handshakeMs() {
        return switches.stream()
                .filter(FloodSwitchResult::handshakeDone)
                .mapToDouble(FloodSwitchResult::handshakeMs)
                .sorted()
                .toArray();
    }

    /** Barrier-reply times (from the connection) of the switches that got a barrier, ascending. */
    double[] barrierMs() {
        return switches.stream()
                .mapToDouble(FloodSwitchResult::barrierMs)
                .filter(ms -> ms >= 0)
                .sorted()
                .toArray();
    }

    long disconnects() {
        return switches.stream().filter(FloodSwitchResult::disconnected).count();
    }

    double generatorCores() {
        return generatorCpuSeconds < 0 || wallSeconds <= 0 ? -1 : generatorCpuSeconds / wallSeconds;
    }

    /**
     * What breaks the overload acceptance: per switch, a disconnect, a handshake that did not
     * finish within {@code handshakeLimitMs} of its connection, or no answer at all. Empty when
     * every switch is fine.
     */
    List<String> problems(double handshakeLimitMs) {
        List<String> out = new ArrayList<>();
        for (FloodSwitchResult s : switches) {
            List<String> p = new ArrayList<>();
            if (s.disconnected()) {
                p.add(
                        String.format(
                                Locale.ROOT,
                                "disconnected %.0f ms after connecting",
                                s.closedMs()));
            }
            if (!s.handshakeDone()) {
                p.add("handshake never finished (no flow-mod or packet-out received)");
            } else if (s.handshakeMs() > handshakeLimitMs) {
                p.add(
                        String.format(
                                Locale.ROOT,
                                "handshake took %.0f ms (limit %.0f)",
                                s.handshakeMs(),
                                handshakeLimitMs));
            }
            if (s.answers() == 0) {
                p.add("no answer to any packet-in");
            }
            if (!p.isEmpty()) {
                out.add(
                        String.format(
                                Locale.ROOT,
                                "switch %s (connected at %.0f ms, features at %s, barrier at %s): %s",
                                s.dpid(),
                                s.connectedMs(),
                                ms(s.featuresMs()),
                                ms(s.barrierMs()),
                                String.join("; ", p)));
            }
        }
        return out;
    }

    static String ms(double ms) {
        return ms < 0 ? "never" : String.format(Locale.ROOT, "+%.0f ms", ms);
    }

    /** Median of sorted values, -1 when there are none. */
    static double median(double[] sorted) {
        if (sorted.length == 0) {
            return -1;
        }
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double max(double[] sorted) {
        return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    }

    static double min(double[] sorted) {
        return sorted.length == 0 ? -1 : sorted[0];
    }

    private double perSecond(long count) {
        return wallSeconds <= 0 ? 0 : count / wallSeconds;
    }

    @Override
    public String toString() {
        return "FloodResult["
                + switches.size()
                + " switches, answers/s "
                + Arrays.toString(answersPerSecond)
                + "]";
    }
}
