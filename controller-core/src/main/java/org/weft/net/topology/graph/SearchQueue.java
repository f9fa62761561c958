package org.weft.net.topology.graph;

import java.util.Arrays;

/**
 * The priority queue of a Dijkstra search: a binary min-heap of (distance, switch index) pairs in
 * two primitive arrays, ordered by distance, then index. Stale pairs are left in and skipped by the
 * search. Distances must not be NaN.
 */
final class SearchQueue {

    private double[] keys;
    private int[] values;
    private int size;

    SearchQueue(int capacity) {
        keys = new double[Math.max(capacity, 4)];
        values = new int[keys.length];
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(double key, int value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(key, value, keys[parent], values[parent])) {
                break;
            }
            keys[i] = keys[parent];
            values[i] = values[parent];
            i = parent;
        }
        keys[i] = key;
        values[i] = value;
    }

    /** The least distance. */
    double peekKey() {
        return keys[0];
    }

    /** Removes the least pair and returns its switch index. */
    int poll() {
        int top = values[0];
        double key = keys[--size];
        int value = values[size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && less(keys[right], values[right], keys[child], values[child])) {
                child = right;
            }
            if (!less(keys[child], values[child], key, value)) {
                break;
            }
            keys[i] = keys[child];
            values[i] = values[child];
            i = child;
        }
        keys[i] = key;
        values[i] = value;
        return top;
    }

    private static boolean less(double k1, int v1, double k2, int v2) {
        return k1 < k2 || (k1 == k2 && v1 < v2);
    }
}
