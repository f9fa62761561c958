package org.weft.openflow.golden;

import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The golden-byte fixtures under {@code src/test/resources/golden/<of10|of13|of14>/}: {@code
 * <name>.hex} holds one OpenFlow message as hex, 16 bytes a line; {@code <name>.ovs.txt} holds what
 * {@code ovs-ofctl ofp-print} printed for it. Rewritten only with {@code
 * -Dweft.golden.update=true}.
 */
final class GoldenFixtures {

    /**
     * System property that makes the golden tests rewrite the fixtures instead of checking them.
     */
    static final String UPDATE_PROPERTY = "weft.golden.update";

    /** The fixtures in the source tree (surefire runs in the module's directory). */
    static final Path DIR = Path.of("src", "test", "resources", "golden");

    private GoldenFixtures() {}

    static boolean updating() {
        return Boolean.getBoolean(UPDATE_PROPERTY);
    }

    static Path hexFile(GoldenCase c) {
        return DIR.resolve(c.fixture() + ".hex");
    }

    static Path ovsFile(GoldenCase c) {
        return DIR.resolve(c.fixture() + ".ovs.txt");
    }

    /** The fixture's bytes, or empty if there is no fixture file. */
    static Optional<byte[]> read(GoldenCase c) {
        Path p = hexFile(c);
        if (!Files.exists(p)) {
            return Optional.empty();
        }
        try {
            String hex = Files.readString(p, StandardCharsets.US_ASCII).replaceAll("\\s", "");
            return Optional.of(HexFormat.of().parseHex(hex));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes as a fixture file's text: lowercase hex, 16 bytes per line. */
    static String format(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        HexFormat hex = HexFormat.ofDelimiter(" ");
        for (int i = 0; i < bytes.length; i += 16) {
            int end = Math.min(bytes.length, i + 16);
            sb.append(hex.formatHex(bytes, i, end)).append('\n');
        }
        return sb.toString();
    }

    /** The bytes as one hex string, as {@code ovs-ofctl ofp-print} takes them. */
    static String compact(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static void write(Path p, String text) {
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Why {@code actual} is not the fixture's bytes, naming the fixture, the first differing byte
     * and both messages as hex dumps; empty if they are equal.
     */
    static Optional<String> mismatch(GoldenCase c, byte[] actual) {
        Optional<byte[]> expected = read(c);
        if (expected.isEmpty()) {
            return Optional.of(
                    "no fixture "
                            + hexFile(c)
                            + " for "
                            + c.description()
                            + " (regenerate with -D"
                            + UPDATE_PROPERTY
                            + "=true)");
        }
        byte[] want = expected.get();
        int at = firstDifference(want, actual);
        if (at < 0) {
            return Optional.empty();
        }
        return Optional.of(
                String.format(
                        "%s: the driver's bytes differ from fixture %s at byte %d (0x%x):"
                                + " expected %d bytes, got %d%n"
                                + "expected:%n%s%nactual:%n%s",
                        c.description(),
                        hexFile(c),
                        at,
                        at,
                        want.length,
                        actual.length,
                        ByteBufUtil.prettyHexDump(io.netty.buffer.Unpooled.wrappedBuffer(want)),
                        ByteBufUtil.prettyHexDump(io.netty.buffer.Unpooled.wrappedBuffer(actual))));
    }

    private static int firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return a.length == b.length ? -1 : n;
    }
}
