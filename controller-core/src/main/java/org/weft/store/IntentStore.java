package org.weft.store;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Durable operator intent (static flows, steering rules, link weights), kept as opaque text
 * documents grouped by kind. Whoever owns a kind chooses the document format; the store only keeps
 * it. A write returns once it is durable, so an acknowledged intent survives a crash.
 *
 * <p>Kinds and ids are short names of letters, digits, {@code .}, {@code _} and {@code -}.
 *
 * <p>Every kind is loaded by one rule: a document its owner cannot read is {@linkplain #quarantine
 * quarantined} (moved aside, with a log line naming it and the reason) and loading goes on with the
 * others, so one corrupt record neither stops Weft nor vanishes silently.
 *
 * <p>A store shared by several writers (a cluster's ZooKeeper) tells its {@linkplain #watch
 * watchers} when documents change, so every instance applies what any instance wrote.
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

    /**
     * A new numeric id for a document of the kind: greater than every id this method returned for
     * the kind before (also before a restart or a crash: the counter is durable before the id is
     * returned) and than every numeric id of the kind's documents. Ids are never reused, so a
     * deleted document's id cannot name another one later.
     *
     * @throws StoreException when the counter could not be written (no id is handed out)
     */
    long nextId(String kind);

    /**
     * Moves a document its owner cannot read out of the kind, to where an operator can inspect or
     * repair it, and logs the document's place and the reason. It no longer appears in {@link
     * #list}.
     *
     * @param reason why the owner refused it (logged)
     * @return false when there was no such document
     * @throws StoreException when it could not be moved
     */
    boolean quarantine(String kind, String id, String reason);

    /**
     * Calls {@code kindChanged} with a kind after documents of it were added, changed, removed or
     * quarantined, by this process or another one sharing the store; the watcher re-reads the kind
     * ({@link #list}) and applies the difference to what it holds, so a change it made itself is no
     * change. Calls come on one thread of the store, in order, and several changes of a kind may
     * come as one call; a shared store also calls a watcher added after documents exist once for
     * each kind stored, so nothing written between the watcher's load and its registration is
     * missed. A store only this process writes (files in {@code dataDir}) never calls it: the
     * writer applied its change already.
     */
    void watch(Consumer<String> kindChanged);
}
