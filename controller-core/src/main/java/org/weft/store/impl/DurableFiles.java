package org.weft.store.impl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash-safe file writes: a file is written to a temporary sibling that is fsynced, renamed
 * atomically over the target, and the directory fsynced, so after a crash the target is either the
 * old or the new content, never a torn mix.
 */
final class DurableFiles {

    /** Suffix of the temporary sibling of a file being written. */
    static final String TMP_SUFFIX = ".tmp";

    private static final Logger log = LoggerFactory.getLogger(DurableFiles.class);

    private DurableFiles() {}

    /** Writes the text to the file (creating its directory), durably. */
    static void write(Path target, String text) throws IOException {
        Path dir = target.getParent();
        Path tmp = dir.resolve(target.getFileName() + TMP_SUFFIX);
        try {
            Files.createDirectories(dir);
            try (FileChannel ch =
                    FileChannel.open(
                            tmp,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            move(tmp, target);
            syncDirectory(dir);
        } catch (IOException e) {
            deleteQuietly(tmp, e);
            throw e;
        }
    }

    /** Renames atomically, replacing the target. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(
                    from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to + " cannot rename atomically", e);
        }
    }

    /** Makes a rename or delete durable (POSIX); a no-op where directories cannot be opened. */
    static void syncDirectory(Path d) throws IOException {
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (UnsupportedOperationException | AccessDeniedException e) {
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
