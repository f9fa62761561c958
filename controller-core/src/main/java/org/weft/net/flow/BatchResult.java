package org.weft.net.flow;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.weft.net.SwitchErrorException;

/**
 * What a switch made of a barrier-confirmed batch: every operation it did not reject (by index in
 * the batch) was confirmed by the barrier; each rejected one is listed with the switch's decoded
 * OFPT_ERROR. A batch whose outcome is unknown (switch disconnected, no barrier reply in time,
 * nothing sent) is not a result: its future fails instead.
 *
 * @param size operations in the batch
 * @param failures the rejected operations by index, with the switch's error
 */
public record BatchResult(int size, SortedMap<Integer, SwitchErrorException> failures) {

    public BatchResult {
        checkArgument(size >= 0, "size %s", size);
        failures = new TreeMap<>(failures);
        checkArgument(
                failures.isEmpty() || (failures.firstKey() >= 0 && failures.lastKey() < size),
                "failure index out of 0..%s",
                size);
    }

    /** Every operation confirmed. */
    public static BatchResult confirmed(int size) {
        return new BatchResult(size, new TreeMap<>());
    }

    public static BatchResult of(int size, Map<Integer, SwitchErrorException> failures) {
        return new BatchResult(size, new TreeMap<>(failures));
    }

    /** Whether the switch confirmed every operation. */
    public boolean ok() {
        return failures.isEmpty();
    }

    /** Operations the switch confirmed. */
    public int confirmedCount() {
        return size - failures.size();
    }

    public boolean failed(int index) {
        return failures.containsKey(index);
    }

    /**
     * This result when every operation was confirmed.
     *
     * @throws SwitchErrorException the first rejected operation's error
     */
    public BatchResult orThrow() {
        if (!failures.isEmpty()) {
            throw failures.get(failures.firstKey());
        }
        return this;
    }

    /** The results of two batches sent one after the other, as one. */
    public BatchResult then(BatchResult next) {
        TreeMap<Integer, SwitchErrorException> all = new TreeMap<>(failures);
        next.failures.forEach((i, e) -> all.put(size + i, e));
        return new BatchResult(size + next.size, all);
    }
}
