package org.weft.net.packet.parse;

/** Big-endian reads and writes; callers check bounds first. */
final class Bytes {

    private Bytes() {}

    static int u8(byte[] b, int at) {
        return b[at] & 0xff;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    static int s32(byte[] b, int at) {
        return u16(b, at) << 16 | u16(b, at + 2);
    }

    static long u32(byte[] b, int at) {
        return s32(b, at) & 0xffffffffL;
    }

    static long s64(byte[] b, int at) {
        return (long) s32(b, at) << 32 | u32(b, at + 4);
    }

    /** A 48-bit value (an Ethernet address) in the low bits of a long. */
    static long u48(byte[] b, int at) {
        return (long) u16(b, at) << 32 | u32(b, at + 2);
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void put32(byte[] b, int at, long v) {
        put16(b, at, (int) (v >>> 16));
        put16(b, at + 2, (int) v);
    }

    static void put64(byte[] b, int at, long v) {
        put32(b, at, v >>> 32);
        put32(b, at + 4, v);
    }

    static boolean has(byte[] b, int at, int len) {
        return at >= 0 && len >= 0 && at <= b.length - len;
    }
}
