package org.weft.net.routing;

import org.weft.event.EventListener;

/** Told about every re-programming of routes after a topology change. */
public interface RouteChangeListener extends EventListener<RouteChange> {}
