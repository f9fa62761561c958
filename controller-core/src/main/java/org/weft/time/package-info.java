/**
 * Weft's one source of time and timers ({@link org.weft.time.TimeSource}): monotonic nanoseconds,
 * wall-clock milliseconds and cancellable delayed or periodic tasks. Components take it in their
 * constructor; {@link org.weft.time.SystemTime} runs on real time, and core's test-jar holds {@code
 * VirtualTime}, which moves only when a test advances it, so batching, expiry and back-off are
 * tested without sleeping.
 */
package org.weft.time;
