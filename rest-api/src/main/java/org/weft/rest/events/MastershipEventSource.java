package org.weft.rest.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.weft.net.cluster.MastershipEvent;
import org.weft.net.cluster.MastershipListener;
import org.weft.net.cluster.MastershipService;

/**
 * This instance's mastership changes as {@code mastership} SSE messages: the switch, this
 * instance's role, the switch's master and the generation id.
 */
public final class MastershipEventSource implements EventSource {

    private final MastershipService mastership;

    public MastershipEventSource(MastershipService mastership) {
        this.mastership = mastership;
    }

    @Override
    public AutoCloseable subscribe(Consumer<Supplier<RestEvent>> sink) {
        MastershipListener l = e -> sink.accept(() -> message(e));
        mastership.addListener(l);
        return () -> mastership.removeListener(l);
    }

    private static RestEvent message(MastershipEvent e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dpid", e.dpid().toString());
        data.put("role", e.role().name());
        data.put("master", e.master());
        data.put("generationId", e.generationId());
        return new RestEvent("mastership", data);
    }
}
