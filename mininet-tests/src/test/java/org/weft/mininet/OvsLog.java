package org.weft.mininet;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The part of ovs-vswitchd's log written during one test. OVS logs every OpenFlow error it sends to
 * a controller ("s1<->tcp:127.0.0.1:6653: sending OFPBAC_BAD_OUT_PORT error reply to OFPT_FLOW_MOD
 * message"), which is how the suite notices messages the switches rejected.
 */
final class OvsLog {
    static final Path VSWITCHD_LOG = Path.of("/var/log/openvswitch/ovs-vswitchd.log");

    private final Path file;
    private final long start;

    private OvsLog(Path file, long start) {
        this.file = file;
        this.start = start;
    }

    /** Marks the current end of the vswitchd log. */
    static OvsLog mark() {
        return mark(VSWITCHD_LOG);
    }

    static OvsLog mark(Path file) {
        long size = 0;
        try {
            size = Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            System.err.println("Cannot read size of " + file + ": " + e);
        }
        return new OvsLog(file, size);
    }

    /** What was appended since {@link #mark()} (everything, if the log was rotated meanwhile). */
    String sinceMark() throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long from = raf.length() < start ? 0 : start;
            long length = Math.min(raf.length() - from, 64L * 1024 * 1024);
            byte[] bytes = new byte[(int) length];
            raf.seek(from);
            raf.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Lines where a switch sent an OpenFlow error to the controller listening on {@code port}. */
    static List<String> errorsSentTo(String logText, int port) {
        String peer = "<->tcp:127.0.0.1:" + port + ":";
        return logText.lines()
                .filter(line -> line.contains(peer) && line.contains(" error reply to "))
                .toList();
    }
}
