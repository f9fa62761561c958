package org.weft.store.impl;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.store.IntentStore;
import org.weft.store.StoreException;

/**
 * An {@link IntentStore} keeping one file per document under {@code <dir>/<kind>/<id>.json}, each
 * written crash-safely ({@link DurableFiles}). A kind's id counter is {@code <dir>/<kind>/.last-id}
 * (the last id handed out; when it is missing, ids start above every numeric id of the kind's
 * documents, quarantined ones included); quarantined documents go to {@code <quarantine>/<kind>/}.
 * Writers are serialized; one controller process owns the directory.
 */
public final class FileIntentStore implements IntentStore {

    private static final Logger log = LoggerFactory.getLogger(FileIntentStore.class);
    private static final String SUFFIX = ".json";
    private static final String LAST_ID = ".last-id";
    private static final Pattern NUMERIC = Pattern.compile("[0-9]{1,18}");

    private final Path dir;
    private final Path quarantine;

    /** The last id of each kind, once read (guarded by this). */
    private final Map<String, Long> lastIds = new HashMap<>();

    /**
     * A store in {@code dir} whose quarantine is its sibling {@code quarantine} directory.
     *
     * @throws StoreException when the directory cannot be created
     */
    public FileIntentStore(Path dir) {
        this(dir, dir.toAbsolutePath().resolveSibling("quarantine"));
    }

    /**
     * @param dir the store's directory, created when missing
     * @param quarantine where unreadable documents are moved, created when first needed
     * @throws StoreException when the directory cannot be created
     */
    public FileIntentStore(Path dir, Path quarantine) {
        this.dir = checkNotNull(dir, "dir");
        this.quarantine = checkNotNull(quarantine, "quarantine");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create intent store directory " + dir, e);
        }
    }

    public Path directory() {
        return dir;
    }

    public Path quarantineDirectory() {
        return quarantine;
    }

    @Override
    public synchronized Map<String, String> list(String kind) {
        Path kindDir = dir.resolve(Names.check("kind", kind));
        Map<String, String> docs = new TreeMap<>();
        if (!Files.isDirectory(kindDir)) {
            return docs;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(kindDir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(DurableFiles.TMP_SUFFIX)) {
                    log.warn("Removing {}, left by an interrupted write", f);
                    Files.deleteIfExists(f);
                } else if (name.endsWith(SUFFIX)) {
                    String id = name.substring(0, name.length() - SUFFIX.length());
                    docs.put(id, Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot read intent store " + kindDir, e);
        }
        return docs;
    }

    @Override
    public synchronized void put(String kind, String id, String document) {
        checkNotNull(document, "document");
        Path target = file(kind, id);
        try {
            DurableFiles.write(target, document);
        } catch (IOException e) {
            throw new StoreException("cannot write " + target, e);
        }
        if (NUMERIC.matcher(id).matches()) {
            lastIds.computeIfPresent(kind, (k, last) -> Math.max(last, Long.parseLong(id)));
        }
    }

    @Override
    public synchronized boolean remove(String kind, String id) {
        Path target = file(kind, id);
        try {
            Files.delete(target);
            DurableFiles.syncDirectory(target.getParent());
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new StoreException("cannot remove " + target, e);
        }
    }

    @Override
    public synchronized long nextId(String kind) {
        Path counter = dir.resolve(Names.check("kind", kind)).resolve(LAST_ID);
        Long last = lastIds.get(kind);
        if (last == null) {
            last = Math.max(readCounter(counter), highestDocumentId(kind));
        }
        long next = last + 1;
        try {
            DurableFiles.write(counter, Long.toString(next));
        } catch (IOException e) {
            throw new StoreException("cannot write the id counter " + counter, e);
        }
        lastIds.put(kind, next);
        return next;
    }

    private static long readCounter(Path counter) {
        String text;
        try {
            text = Files.readString(counter, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new StoreException("cannot read the id counter " + counter, e);
        }
        if (!NUMERIC.matcher(text).matches()) {
            // Guessing could hand out an id a deleted document had: an operator decides.
            throw new StoreException(
                    "the id counter "
                            + counter
                            + " holds '"
                            + text
                            + "', not a number: write the last id handed out into it",
                    null);
        }
        return Long.parseLong(text);
    }

    /** The highest numeric id of the kind's documents, quarantined ones included. */
    private long highestDocumentId(String kind) {
        long highest = highestId(list(kind).keySet().stream());
        Path quarantined = quarantine.resolve(kind);
        if (Files.isDirectory(quarantined)) {
            // Quarantined as <id>.json or <id>.<millis>.json.
            try (Stream<Path> files = Files.list(quarantined)) {
                highest = Math.max(highest, highestId(files.map(FileIntentStore::idOf)));
            } catch (IOException e) {
                throw new StoreException("cannot read the quarantine " + quarantined, e);
            }
        }
        return highest;
    }

    /** The id a quarantined file holds: its name up to the first dot. */
    private static String idOf(Path quarantined) {
        String name = quarantined.getFileName().toString();
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static long highestId(Stream<String> ids) {
        return ids.filter(id -> NUMERIC.matcher(id).matches())
                .mapToLong(Long::parseLong)
                .max()
                .orElse(0);
    }

    @Override
    public synchronized boolean quarantine(String kind, String id, String reason) {
        Path source = file(kind, id);
        if (!Files.exists(source)) {
            return false;
        }
        Path target = quarantine.resolve(kind).resolve(id + SUFFIX);
        try {
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                target = target.resolveSibling(id + "." + System.currentTimeMillis() + SUFFIX);
            }
            Files.move(source, target);
            DurableFiles.syncDirectory(target.getParent());
            DurableFiles.syncDirectory(source.getParent());
        } catch (IOException e) {
            throw new StoreException("cannot move " + source + " to " + target, e);
        }
        log.error("Quarantined unreadable intent {} as {}: {}", source, target, reason);
        return true;
    }

    private Path file(String kind, String id) {
        return dir.resolve(Names.check("kind", kind)).resolve(Names.check("id", id) + SUFFIX);
    }

    /** Never calls it: one process owns the directory, and applies its own writes. */
    @Override
    public void watch(Consumer<String> kindChanged) {
        checkNotNull(kindChanged, "kindChanged");
    }
}
