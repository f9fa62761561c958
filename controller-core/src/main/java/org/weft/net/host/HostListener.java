package org.weft.net.host;

import org.weft.event.EventListener;

/** Receives {@link HostEvent}s. */
public interface HostListener extends EventListener<HostEvent> {}
