package org.weft.bench;

import java.util.concurrent.atomic.LongAdder;

/** What the switches of one packet-in run count besides their answers, read by the run's clock. */
final class LoadCounts {

    /** Window refills after a switch saw no answer for the stall time. */
    final LongAdder stalls = new LongAdder();

    /**
     * Latency mode: answers to a packet-in no longer outstanding (given up on by a refill, or
     * answered already); never timed.
     */
    final LongAdder late = new LongAdder();

    /**
     * Latency mode: answers that carry no stamp the switch sent (answers to the hosts'
     * announcements, which are unstamped, or answers without the frame); never timed.
     */
    final LongAdder unpaired = new LongAdder();
}
