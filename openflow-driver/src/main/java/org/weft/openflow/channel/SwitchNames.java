package org.weft.openflow.channel;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.weft.net.Dpid;

/** How logs name a switch channel: its DPID once known, else its remote address. */
final class SwitchNames {

    static final AttributeKey<Dpid> DPID = AttributeKey.valueOf("weft.dpid");

    private SwitchNames() {}

    static String of(Channel ch) {
        Dpid dpid = ch.attr(DPID).get();
        String remote = String.valueOf(ch.remoteAddress()).replaceFirst("^/", "");
        return dpid != null ? dpid + " at " + remote : remote;
    }
}
