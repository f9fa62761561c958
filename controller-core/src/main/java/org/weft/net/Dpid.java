package org.weft.net;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.Longs;
import java.util.HexFormat;
import java.util.Locale;

/**
 * An OpenFlow datapath id. Printed as {@code 00:00:00:00:00:00:00:01}; parsed from that form, from
 * 16 hex digits, or from {@code of:} followed by 16 hex digits.
 */
public record Dpid(long value) implements Comparable<Dpid> {

    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":");

    public static Dpid of(long value) {
        return new Dpid(value);
    }

    /**
     * Parses a DPID in any accepted form.
     *
     * @throws IllegalArgumentException with a readable reason when the text is not a DPID
     */
    public static Dpid parse(String text) {
        checkArgument(text != null, "DPID must not be null");
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("of:")) {
            s = s.substring(3);
        }
        if (s.contains(":")) {
            String[] parts = s.split(":", -1);
            checkArgument(parts.length == 8, "DPID '%s' must have 8 colon-separated bytes", text);
            StringBuilder hex = new StringBuilder(16);
            for (String p : parts) {
                checkArgument(
                        p.length() == 2 && isHex(p), "DPID '%s' has a bad byte '%s'", text, p);
                hex.append(p);
            }
            s = hex.toString();
        }
        checkArgument(s.length() == 16 && isHex(s), "DPID '%s' is not 16 hex digits", text);
        return new Dpid(Long.parseUnsignedLong(s, 16));
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** The 16-hex-digit form with the {@code of:} prefix, as ONOS prints device ids. */
    public String uri() {
        return String.format("of:%016x", value);
    }

    @Override
    public String toString() {
        return COLON_HEX.formatHex(Longs.toByteArray(value));
    }

    @Override
    public int compareTo(Dpid o) {
        return Long.compareUnsigned(value, o.value);
    }

    // Written out: compared and hashed in every link and connect point comparison, and in the
    // per-switch lookups of the packet-in path.
    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Dpid x && value == x.value);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }
}
