package org.weft.bench;

/**
 * The controller's process during a flood run (see {@link ControllerProcess}); -1 when unknown.
 *
 * @param pid the process
 * @param heapUsedMib heap in use at the end of the run (no collection forced)
 * @param heapCommittedMib heap committed at the end of the run
 * @param threads threads at the end of the run
 * @param threadsMax most threads seen, sampled every second
 * @param rssMib resident memory at the end of the run
 * @param rssMaxMib most resident memory seen, sampled every second
 */
record ControllerSample(
        long pid,
        long heapUsedMib,
        long heapCommittedMib,
        int threads,
        int threadsMax,
        long rssMib,
        long rssMaxMib) {}
