package org.weft.net;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;

/** An IPv4 address held as an unsigned 32-bit value. */
public record Ip4Address(int value) implements IpAddress {

    public static Ip4Address of(int value) {
        return new Ip4Address(value);
    }

    public static Ip4Address parse(String text) {
        checkArgument(text != null, "IPv4 address must not be null");
        InetAddress a;
        try {
            a = InetAddresses.forString(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address", e);
        }
        checkArgument(a instanceof Inet4Address, "'%s' is not an IPv4 address", text);
        return new Ip4Address(InetAddresses.coerceToInteger(a));
    }

    @Override
    public String toString() {
        return InetAddresses.fromInteger(value).getHostAddress();
    }
}
