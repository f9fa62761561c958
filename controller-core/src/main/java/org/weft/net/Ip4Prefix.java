package org.weft.net;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/** An IPv4 prefix such as {@code 10.0.0.0/8}; a bare address is a /32. */
public record Ip4Prefix(Ip4Address address, int length) {

    public Ip4Prefix {
        checkNotNull(address, "address");
        checkArgument(length >= 0 && length <= 32, "prefix length %s out of 0..32", length);
        checkArgument(
                (address.value() & ~mask(length)) == 0,
                "%s has bits set past /%s",
                address,
                length);
    }

    public static Ip4Prefix of(Ip4Address address) {
        return new Ip4Prefix(address, 32);
    }

    /** Parses {@code a.b.c.d} or {@code a.b.c.d/len}. */
    public static Ip4Prefix parse(String text) {
        checkArgument(text != null, "IPv4 prefix must not be null");
        int slash = text.indexOf('/');
        if (slash < 0) {
            return of(Ip4Address.parse(text));
        }
        int len;
        try {
            len = Integer.parseInt(text.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has a bad prefix length", e);
        }
        return new Ip4Prefix(Ip4Address.parse(text.substring(0, slash)), len);
    }

    public static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    public boolean contains(Ip4Address a) {
        return (a.value() & mask(length)) == address.value();
    }

    public boolean isHost() {
        return length == 32;
    }

    @Override
    public String toString() {
        return isHost() ? address.toString() : address + "/" + length;
    }
}
