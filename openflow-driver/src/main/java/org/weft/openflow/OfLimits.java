package org.weft.openflow;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;

/**
 * Bounds on what one switch can make Weft hold or spend. {@link #defaults()} documents every
 * default; docs/configuration.md says why.
 *
 * @param requestTimeout barrier, stats and echo requests fail after this long without an answer (10
 *     s)
 * @param writeBufferLowBytes reading from a switch resumes once the bytes queued for it fall below
 *     this (256 KiB)
 * @param writeBufferHighBytes reading from a switch stops while the bytes queued for it are above
 *     this (1 MiB)
 * @param writeStallTimeout a switch whose queue stays above the high mark this long is disconnected
 *     (5 s)
 * @param maxOutboundBytes a write that would queue more than this for one switch disconnects it (16
 *     MiB)
 * @param maxMultipartParts most parts of one multipart reply (1,024)
 * @param maxMultipartBytes most bytes of one multipart reply (16 MiB)
 * @param packetIns per-switch packet-in admission
 */
public record OfLimits(
        Duration requestTimeout,
        int writeBufferLowBytes,
        int writeBufferHighBytes,
        Duration writeStallTimeout,
        long maxOutboundBytes,
        int maxMultipartParts,
        long maxMultipartBytes,
        PacketInLimits packetIns) {

    /**
     * Token buckets every switch's packet-ins pass before they are parsed.
     *
     * @param ratePerSecond packet-ins per second a switch may send (20,000)
     * @param burst packet-ins a switch may send at once after a quiet time (2,000)
     * @param reservedRatePerSecond LLDP and ARP packet-ins admitted per second beyond the main
     *     bucket, so discovery and host learning survive a flood (1,000)
     * @param reservedBurst size of that reserve (200)
     * @param queuePerSwitch admitted packet-ins waiting for the apps, per switch; more are dropped
     *     and counted (1,024)
     * @param workerThreads threads running the apps' packet processing, fairly across switches (0 =
     *     one per core)
     */
    public record PacketInLimits(
            double ratePerSecond,
            int burst,
            double reservedRatePerSecond,
            int reservedBurst,
            int queuePerSwitch,
            int workerThreads) {

        /** Limits with the default queue and workers. */
        public PacketInLimits(
                double ratePerSecond, int burst, double reservedRatePerSecond, int reservedBurst) {
            this(ratePerSecond, burst, reservedRatePerSecond, reservedBurst, 1_024, 0);
        }

        /** The worker threads to start: {@link #workerThreads()}, or one per core for 0. */
        public int effectiveWorkerThreads() {
            return workerThreads > 0 ? workerThreads : Runtime.getRuntime().availableProcessors();
        }

        public PacketInLimits {
            checkArgument(ratePerSecond > 0, "packetIn.ratePerSwitch must be > 0");
            checkArgument(burst >= 1, "packetIn.burst must be at least 1");
            checkArgument(
                    reservedRatePerSecond >= 0, "packetIn.reservedRatePerSwitch must be >= 0");
            checkArgument(reservedBurst >= 0, "packetIn.reservedBurst must be >= 0");
            checkArgument(queuePerSwitch >= 1, "packetIn.queuePerSwitch must be at least 1");
            checkArgument(workerThreads >= 0, "packetIn.workerThreads must not be negative");
        }

        public static PacketInLimits defaults() {
            return new PacketInLimits(20_000, 2_000, 1_000, 200);
        }
    }

    public OfLimits {
        checkArgument(
                !requestTimeout.isNegative() && !requestTimeout.isZero(),
                "openflow.requestTimeoutMs must be > 0");
        checkArgument(writeBufferLowBytes >= 1, "openflow.writeBufferLowBytes must be >= 1");
        checkArgument(
                writeBufferHighBytes > writeBufferLowBytes,
                "openflow.writeBufferHighBytes must be above writeBufferLowBytes");
        checkArgument(
                !writeStallTimeout.isNegative() && !writeStallTimeout.isZero(),
                "openflow.writeStallTimeoutMs must be > 0");
        checkArgument(
                maxOutboundBytes > writeBufferHighBytes,
                "openflow.maxOutboundBytes must be above writeBufferHighBytes");
        checkArgument(maxMultipartParts >= 1, "openflow.maxMultipartParts must be >= 1");
        checkArgument(
                maxMultipartBytes >= 65_535,
                "openflow.maxMultipartBytes must be at least 65535 (one part)");
        checkArgument(packetIns != null, "packetIns");
    }

    public static OfLimits defaults() {
        return new OfLimits(
                Duration.ofSeconds(10),
                256 * 1024,
                1024 * 1024,
                Duration.ofSeconds(5),
                16L * 1024 * 1024,
                1_024,
                16L * 1024 * 1024,
                PacketInLimits.defaults());
    }

    public OfLimits withPacketIns(PacketInLimits p) {
        return new OfLimits(
                requestTimeout,
                writeBufferLowBytes,
                writeBufferHighBytes,
                writeStallTimeout,
                maxOutboundBytes,
                maxMultipartParts,
                maxMultipartBytes,
                p);
    }

    public OfLimits withRequestTimeout(Duration t) {
        return new OfLimits(
                t,
                writeBufferLowBytes,
                writeBufferHighBytes,
                writeStallTimeout,
                maxOutboundBytes,
                maxMultipartParts,
                maxMultipartBytes,
                packetIns);
    }
}
