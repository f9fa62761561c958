package org.weft.net.stats;

import org.weft.event.EventListener;

/** Hears links becoming hot and cooling down. */
public interface LoadListener extends EventListener<LoadEvent> {}
