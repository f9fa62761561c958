package org.weft.cluster.topology;

import java.util.Map;
import java.util.TreeMap;

/** Shared records in memory, counting the writes and deletes made to them. */
final class FakeRecords<R> implements SharedRecords<R> {

    final Map<String, R> records = new TreeMap<>();
    int writes;
    int deletes;

    @Override
    public Map<String, R> all() {
        return Map.copyOf(records);
    }

    @Override
    public R get(String name) {
        return records.get(name);
    }

    @Override
    public void put(String name, R record) {
        records.put(name, record);
        writes++;
    }

    @Override
    public void delete(String name) {
        if (records.remove(name) != null) {
            deletes++;
        }
    }
}
