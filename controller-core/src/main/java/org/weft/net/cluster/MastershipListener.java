package org.weft.net.cluster;

import org.weft.event.EventListener;

/** Receives {@link MastershipEvent}s. */
public interface MastershipListener extends EventListener<MastershipEvent> {}
