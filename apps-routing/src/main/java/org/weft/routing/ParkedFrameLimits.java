package org.weft.routing;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * Bounds on the packet-in frames the routing app holds while their destination's route is being
 * confirmed (see {@link ParkedFrames}): a switch that never answers barriers must not make Weft
 * keep its frames without limit.
 *
 * @param maxFrames frames parked at most, in all (default 1,024)
 * @param maxFramesPerDestination frames parked at most toward one destination host (default 128),
 *     so one destination whose route never settles cannot take every slot
 * @param maxBytes bytes of frames parked at most, in all (default 4 MiB)
 * @param maxAge a frame whose route is confirmed later than this after it arrived is dropped, not
 *     sent (default 1 s); a frame is never held longer
 */
public record ParkedFrameLimits(
        int maxFrames, int maxFramesPerDestination, long maxBytes, Duration maxAge) {

    public ParkedFrameLimits {
        checkArgument(maxFrames >= 0, "maxFrames must not be negative");
        checkArgument(maxFramesPerDestination >= 0, "maxFramesPerDestination must not be negative");
        checkArgument(maxBytes >= 0, "maxBytes must not be negative");
        checkNotNull(maxAge, "maxAge");
        checkArgument(!maxAge.isNegative(), "maxAge must not be negative");
    }

    public static ParkedFrameLimits defaults() {
        return new ParkedFrameLimits(1_024, 128, 4L * 1024 * 1024, Duration.ofSeconds(1));
    }
}
