package org.weft.mininet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether a TCP port is in LISTEN state, read from /proc/net/tcp{,6}. Unlike a probe connection,
 * this does not disturb the controller (no half-open OpenFlow session in its log).
 */
final class TcpListeners {
    private static final String LISTEN = "0A";

    private TcpListeners() {}

    static boolean isListening(int port) {
        String hexPort = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(path)) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 3
                            && fields[1].endsWith(hexPort)
                            && fields[3].equals(LISTEN)) {
                        return true;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }
}
