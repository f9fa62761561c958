package org.weft.rest.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.weft.net.device.DeviceEvent;
import org.weft.net.device.DeviceListener;
import org.weft.net.device.DeviceService;
import org.weft.rest.dto.FlowDtos;

/** Device and port events as {@code device} SSE messages. */
public final class DeviceEventSource implements EventSource {

    private final DeviceService devices;

    public DeviceEventSource(DeviceService devices) {
        this.devices = devices;
    }

    @Override
    public AutoCloseable subscribe(Consumer<Supplier<RestEvent>> sink) {
        DeviceListener l = e -> sink.accept(() -> message(e));
        devices.addListener(l);
        return () -> devices.removeListener(l);
    }

    private static RestEvent message(DeviceEvent e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", e.type().name());
        data.put("dpid", e.subject().dpid().toString());
        e.port().ifPresent(p -> data.put("port", FlowDtos.portJson(p.number())));
        data.put("timeMillis", e.timeMillis());
        return new RestEvent("device", data);
    }
}
