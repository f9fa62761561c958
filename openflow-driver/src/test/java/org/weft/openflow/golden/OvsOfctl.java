package org.weft.openflow.golden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Open vSwitch's {@code ovs-ofctl}, used to print fixtures as Open vSwitch decodes them. */
final class OvsOfctl {

    private final Path executable;

    private OvsOfctl(Path executable) {
        this.executable = executable;
    }

    /** The ovs-ofctl on the PATH (or in /usr/bin), if installed. */
    static Optional<OvsOfctl> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : (path + java.io.File.pathSeparator + "/usr/bin").split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, "ovs-ofctl");
            if (Files.isExecutable(p)) {
                return Optional.of(new OvsOfctl(p));
            }
        }
        return Optional.empty();
    }

    /** {@code ovs-ofctl ofp-print <hex>}: what Open vSwitch reads in the message. */
    String ofpPrint(byte[] message) {
        ProcessBuilder pb =
                new ProcessBuilder(
                        executable.toString(), "ofp-print", GoldenFixtures.compact(message));
        // Its warnings (timestamped, e.g. for an unknown message type) go to stderr: not recorded.
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("ovs-ofctl ofp-print did not finish");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(
                        "ovs-ofctl ofp-print exited with " + p.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("running " + executable + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for ovs-ofctl", e);
        }
    }

    @Override
    public String toString() {
        return executable.toString();
    }
}
