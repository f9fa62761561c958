package org.weft.rest.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.weft.net.stats.LinkLoad;
import org.weft.net.stats.LoadEvent;
import org.weft.net.stats.LoadListener;
import org.weft.net.stats.LoadService;
import org.weft.rest.dto.NetDtos;

/**
 * Links crossing the hot threshold as {@code load} SSE messages: type ({@code HOT} or {@code
 * COOLED}), the link, its rate, capacity and utilisation at the crossing.
 */
public final class LoadEventSource implements EventSource {

    private final LoadService loads;

    public LoadEventSource(LoadService loads) {
        this.loads = loads;
    }

    @Override
    public AutoCloseable subscribe(Consumer<Supplier<RestEvent>> sink) {
        LoadListener l = e -> sink.accept(() -> message(e));
        loads.addListener(l);
        return () -> loads.removeListener(l);
    }

    private static RestEvent message(LoadEvent e) {
        LinkLoad load = e.subject();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", e.type().name());
        data.put("link", NetDtos.ref(load.link()));
        data.put("bitsPerSecond", load.bitsPerSecond());
        data.put("capacityMbps", load.capacityMbps());
        data.put("utilisation", load.utilisation().orElse(Double.NaN));
        data.put("timeMillis", e.timeMillis());
        return new RestEvent("load", data);
    }
}
