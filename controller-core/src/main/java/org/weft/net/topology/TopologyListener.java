package org.weft.net.topology;

import org.weft.event.EventListener;

/** Receives {@link TopologyEvent}s. */
public interface TopologyListener extends EventListener<TopologyEvent> {}
