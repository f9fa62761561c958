package org.weft.store;

import java.util.Map;

/**
 * Durable operator intent (static flows today; pinned paths and link weights later), kept as opaque
 * text documents grouped by kind. Whoever owns a kind chooses the document format; the store only
 * keeps it. A write returns once it is durable, so an acknowledged intent survives a crash.
 *
 * <p>Kinds and ids are short names of letters, digits, {@code .}, {@code _} and {@code -}.
 */
public interface IntentStore {

    /**
     * Every document of a kind, by id (empty when there is none).
     *
     * @throws StoreException when the store cannot be read
     */
    Map<String, String> list(String kind);

    /**
     * Adds or replaces one document; durable when this returns.
     *
     * @throws StoreException when the document could not be written (the old one, if any, is kept)
     * @throws IllegalArgumentException when kind or id is not a valid name
     */
    void put(String kind, String id, String document);

    /**
     * Removes one document; durable when this returns.
     *
     * @return false when there was no such document
     * @throws StoreException when it could not be removed
     */
    boolean remove(String kind, String id);
}
