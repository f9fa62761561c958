package org.weft.net;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.HexFormat;

/** A 48-bit Ethernet address, printed as {@code 0a:00:00:00:00:01}. */
public record MacAddress(long value) {

    public static final MacAddress BROADCAST = new MacAddress(0xffffffffffffL);

    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":");

    public MacAddress {
        checkArgument((value & ~0xffffffffffffL) == 0, "MAC address out of range");
    }

    public static MacAddress of(long value) {
        return new MacAddress(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress m && m.value == value;
    }

    /**
     * The address times the golden ratio, high bits folded in: addresses that differ only in a few
     * middle bits (one vendor's, or a test's numbered hosts) spread over a hash table's low bits,
     * where {@code Long.hashCode} left them colliding.
     */
    @Override
    public int hashCode() {
        return hashOf(value);
    }

    /** The {@link #hashCode} of the address with this value. */
    public static int hashOf(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** {@link #isMulticast()} of the address with this value (a broadcast is one too). */
    public static boolean isMulticast(long value) {
        return ((value >> 40) & 1) == 1;
    }

    public static MacAddress of(byte[] bytes, int offset) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (bytes[offset + i] & 0xff);
        }
        return new MacAddress(v);
    }

    public static MacAddress parse(String text) {
        checkArgument(text != null, "MAC address must not be null");
        String[] parts = text.trim().split("[:-]", -1);
        checkArgument(parts.length == 6, "MAC address '%s' must have 6 bytes", text);
        long v = 0;
        for (String p : parts) {
            checkArgument(p.length() == 2, "MAC address '%s' has a bad byte '%s'", text, p);
            try {
                v = (v << 8) | Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("MAC address '" + text + "' is not hex", e);
            }
        }
        return new MacAddress(v);
    }

    public boolean isBroadcast() {
        return value == BROADCAST.value;
    }

    public boolean isMulticast() {
        return isMulticast(value);
    }

    public byte[] toBytes() {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (value >> (40 - 8 * i));
        }
        return b;
    }

    @Override
    public String toString() {
        return COLON_HEX.formatHex(toBytes());
    }
}
