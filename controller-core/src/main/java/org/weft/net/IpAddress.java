package org.weft.net;

/** An IPv4 or IPv6 address, as hosts are known by. */
public sealed interface IpAddress permits Ip4Address, Ip6Address {

    /** Parses either family from its usual text form. */
    static IpAddress parse(String text) {
        if (text != null && text.contains(":")) {
            return Ip6Address.parse(text);
        }
        return Ip4Address.parse(text);
    }
}
