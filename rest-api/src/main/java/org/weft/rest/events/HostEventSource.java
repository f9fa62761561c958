package org.weft.rest.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.weft.net.host.HostEvent;
import org.weft.net.host.HostListener;
import org.weft.net.host.HostService;
import org.weft.rest.dto.NetDtos;

/** Host events as {@code host} SSE messages: type, the host, and where it was when it moved. */
public final class HostEventSource implements EventSource {

    private final HostService hosts;

    public HostEventSource(HostService hosts) {
        this.hosts = hosts;
    }

    @Override
    public AutoCloseable subscribe(Consumer<Supplier<RestEvent>> sink) {
        HostListener l = e -> sink.accept(() -> message(e));
        hosts.addListener(l);
        return () -> hosts.removeListener(l);
    }

    private static RestEvent message(HostEvent e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", e.type().name());
        data.put("host", NetDtos.host(e.subject()));
        e.previousLocation().ifPresent(p -> data.put("previous", NetDtos.end(p)));
        data.put("timeMillis", e.timeMillis());
        return new RestEvent("host", data);
    }
}
