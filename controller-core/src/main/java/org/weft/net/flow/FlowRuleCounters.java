package org.weft.net.flow;

import java.util.Map;
import org.weft.net.Dpid;

/** What the controller has sent to switches and what they did not confirm (for metrics). */
public interface FlowRuleCounters {

    /**
     * Flow-mods written to switches, confirmed or not (adds, modifies, removes; batched,
     * re-asserted from cached bytes, or answering a buffered packet-in).
     */
    long flowModsSent();

    /** Group-mods written to switches. */
    long groupModsSent();

    /** Packet-outs written to switches. */
    long packetOutsSent();

    /**
     * Flow-mods and group-mods that were rejected or never confirmed since start, by switch and
     * reason ({@code TYPE/CODE} of the switch's error, or {@link BatchFailure#TIMEOUT}).
     */
    Map<Dpid, Map<String, Long>> flowModFailures();

    /** Batches not fully confirmed in the last 60 seconds. */
    int failedBatchesLastMinute();

    /** Tells the listener about each batch not fully confirmed from now on. */
    void addFailureListener(BatchFailureListener listener);
}
