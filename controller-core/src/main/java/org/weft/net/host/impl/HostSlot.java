package org.weft.net.host.impl;

import java.util.concurrent.atomic.AtomicReference;
import org.weft.net.host.Host;

/** One host's place in the tracker's table; null inside means removed (then dropped from it). */
final class HostSlot extends AtomicReference<Host> {
    HostSlot(Host h) {
        super(h);
    }
}
