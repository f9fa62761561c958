package org.weft.net.link;

import org.weft.event.EventListener;

/** Receives {@link LinkEvent}s. */
public interface LinkListener extends EventListener<LinkEvent> {}
