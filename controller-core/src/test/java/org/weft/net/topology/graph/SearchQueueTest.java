package org.weft.net.topology.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The primitive heap pops pairs in the order of distance, then index, like a sorted queue. */
class SearchQueueTest {

    private record Pair(double key, int value) {}

    @Test
    void pollsByDistanceThenIndexThroughInterleavedAddsAndGrowth() {
        Random random = new Random(3);
        SearchQueue queue = new SearchQueue(1);
        PriorityQueue<Pair> expected =
                new PriorityQueue<>(
                        Comparator.comparingDouble(Pair::key).thenComparingInt(Pair::value));
        List<Integer> got = new ArrayList<>();
        List<Integer> want = new ArrayList<>();
        for (int step = 0; step < 5_000; step++) {
            if (expected.isEmpty() || random.nextInt(3) != 0) {
                double key = random.nextInt(20) / 4.0; // many equal distances
                int value = random.nextInt(50);
                queue.add(key, value);
                expected.add(new Pair(key, value));
            } else {
                assertThat(queue.peekKey()).isEqualTo(expected.peek().key());
                got.add(queue.poll());
                want.add(expected.poll().value());
            }
        }
        while (!expected.isEmpty()) {
            got.add(queue.poll());
            want.add(expected.poll().value());
        }
        assertThat(queue.isEmpty()).isTrue();
        assertThat(got).isEqualTo(want);
    }
}
