package org.weft.net.device;

import org.weft.event.EventListener;

/** Receives {@link DeviceEvent}s. */
public interface DeviceListener extends EventListener<DeviceEvent> {}
