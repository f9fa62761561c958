package org.weft.net;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.net.InetAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv6 address held as two 64-bit halves, printed in the RFC 5952 form. */
public record Ip6Address(long high, long low) implements IpAddress {

    /** The unspecified address {@code ::}. */
    public static final Ip6Address UNSPECIFIED = new Ip6Address(0, 0);

    public static Ip6Address of(byte[] bytes, int offset) {
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (bytes[offset + i] & 0xff);
            lo = (lo << 8) | (bytes[offset + 8 + i] & 0xff);
        }
        return new Ip6Address(hi, lo);
    }

    public static Ip6Address parse(String text) {
        checkArgument(text != null, "IPv6 address must not be null");
        InetAddress a;
        try {
            a = InetAddresses.forString(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv6 address", e);
        }
        checkArgument(a instanceof Inet6Address, "'%s' is not an IPv6 address", text);
        return of(a.getAddress(), 0);
    }

    public boolean isUnspecified() {
        return high == 0 && low == 0;
    }

    /** True for ff00::/8. */
    public boolean isMulticast() {
        return (high >>> 56) == 0xff;
    }

    public byte[] toBytes() {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (high >>> (56 - 8 * i));
            b[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return b;
    }

    @Override
    public String toString() {
        try {
            return InetAddresses.toAddrString(InetAddress.getByAddress(toBytes()));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }
}
