package org.weft.store.impl;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.store.IntentStore;
import org.weft.store.StoreException;

/**
 * An {@link IntentStore} keeping one file per document under {@code <dir>/<kind>/<id>.json}. A
 * write goes to a temporary file that is fsynced, atomically renamed over the old one, and the
 * directory fsynced: after a crash each document is either the old or the new one, never a torn
 * mix. Writers are serialized; one controller process owns the directory.
 */
public final class FileIntentStore implements IntentStore {

    private static final Logger log = LoggerFactory.getLogger(FileIntentStore.class);
    private static final String SUFFIX = ".json";
    private static final String TMP_SUFFIX = ".tmp";

    private final Path dir;

    /**
     * @param dir the store's directory, created when missing
     * @throws StoreException when it cannot be created
     */
    public FileIntentStore(Path dir) {
        this.dir = checkNotNull(dir, "dir");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create intent store directory " + dir, e);
        }
    }

    public Path directory() {
        return dir;
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
                if (name.endsWith(TMP_SUFFIX)) {
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
        Path kindDir = dir.resolve(Names.check("kind", kind));
        Path target = kindDir.resolve(Names.check("id", id) + SUFFIX);
        Path tmp = kindDir.resolve(id + SUFFIX + TMP_SUFFIX);
        try {
            Files.createDirectories(kindDir);
            try (FileChannel ch =
                    FileChannel.open(
                            tmp,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(document.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            move(tmp, target);
            syncDirectory(kindDir);
        } catch (IOException e) {
            deleteQuietly(tmp, e);
            throw new StoreException("cannot write " + target, e);
        }
    }

    @Override
    public synchronized boolean remove(String kind, String id) {
        Path kindDir = dir.resolve(Names.check("kind", kind));
        Path target = kindDir.resolve(Names.check("id", id) + SUFFIX);
        try {
            Files.delete(target);
            syncDirectory(kindDir);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new StoreException("cannot remove " + target, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(
                    from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to + " cannot rename atomically", e);
        }
    }

    /** Makes a rename or delete durable (POSIX); a no-op where directories cannot be opened. */
    private static void syncDirectory(Path d) throws IOException {
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            log.debug("Cannot fsync directory {} on this platform", d, e);
        }
    }

    private static void deleteQuietly(Path tmp, IOException cause) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
