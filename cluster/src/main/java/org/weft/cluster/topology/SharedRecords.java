package org.weft.cluster.topology;

import java.util.Map;

/**
 * The shared records of one kind (links or hosts) as this instance last saw them, and the writes it
 * makes to them. Its own writes show at once. Used from one thread (the sharing's).
 *
 * @param <R> the record type
 */
interface SharedRecords<R> {

    /** Every record now, by znode name (a copy). */
    Map<String, R> all();

    /** The record of that name, or null. */
    R get(String name);

    /** Creates or replaces the record. */
    void put(String name, R record);

    /** Deletes the record (nothing when it is absent). */
    void delete(String name);
}
