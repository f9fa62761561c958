package org.weft.rest.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.weft.net.link.LinkEvent;
import org.weft.net.link.LinkListener;
import org.weft.net.link.LinkService;
import org.weft.rest.dto.NetDtos;

/** Link events as {@code link} SSE messages: type, reason, the link and its attributes. */
public final class LinkEventSource implements EventSource {

    private final LinkService links;

    public LinkEventSource(LinkService links) {
        this.links = links;
    }

    @Override
    public AutoCloseable subscribe(Consumer<Supplier<RestEvent>> sink) {
        LinkListener l = e -> sink.accept(() -> message(e));
        links.addListener(l);
        return () -> links.removeListener(l);
    }

    private static RestEvent message(LinkEvent e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", e.type().name());
        data.put("reason", e.reason().name());
        data.put("link", NetDtos.link(e.subject(), e.info()));
        data.put("timeMillis", e.timeMillis());
        return new RestEvent("link", data);
    }
}
