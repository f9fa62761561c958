package org.weft.net.failover;

import org.weft.event.EventListener;

/** Receives {@link FailoverEvent}s. */
public interface FailoverListener extends EventListener<FailoverEvent> {}
