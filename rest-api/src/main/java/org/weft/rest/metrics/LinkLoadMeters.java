package org.weft.rest.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.weft.net.ConnectPoint;
import org.weft.net.Link;
import org.weft.net.link.LinkService;
import org.weft.net.stats.LinkLoad;
import org.weft.net.stats.LoadService;

/**
 * Every link's measured load as gauges tagged {@code src} and {@code dst} ({@code dpid/port}):
 * {@code weft_link_utilisation} (0..1) and {@code weft_link_tx_bits_per_second}, NaN while not
 * measured. The set of links is taken at each scrape ({@link #refresh()}); the gauges read the load
 * service, which this object holds (a gauge holds what it reads only weakly).
 */
final class LinkLoadMeters {

    private final MeterRegistry registry;
    private final LinkService links;
    private final LoadService loads;

    /** The gauges of each link known at the last refresh (guarded by this). */
    private final Map<Link, List<Meter>> meters = new HashMap<>();

    LinkLoadMeters(MeterRegistry registry, LinkService links, LoadService loads) {
        this.registry = registry;
        this.links = links;
        this.loads = loads;
        Gauge.builder("weft.links.hot", loads, l -> l.hotLinks().size())
                .description("Links at or above the hot threshold now")
                .register(registry);
    }

    /** Adds gauges for links that appeared and removes those of links that vanished. */
    synchronized void refresh() {
        Set<Link> now = links.getLinks().keySet();
        for (Iterator<Map.Entry<Link, List<Meter>>> it = meters.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<Link, List<Meter>> e = it.next();
            if (!now.contains(e.getKey())) {
                e.getValue().forEach(registry::remove);
                it.remove();
            }
        }
        for (Link l : now) {
            meters.computeIfAbsent(l, this::register);
        }
    }

    private List<Meter> register(Link link) {
        String src = tag(link.src());
        String dst = tag(link.dst());
        return List.of(
                Gauge.builder(
                                "weft.link.utilisation",
                                loads,
                                s ->
                                        s.linkLoad(link)
                                                .flatMap(LinkLoadMeters::boxed)
                                                .orElse(Double.NaN))
                        .description("Measured transmit rate over capacity of the link (0..1)")
                        .tags("src", src, "dst", dst)
                        .register(registry),
                Gauge.builder(
                                "weft.link.tx",
                                loads,
                                s ->
                                        s.linkLoad(link)
                                                .map(LinkLoad::bitsPerSecond)
                                                .orElse(Double.NaN))
                        .description("Measured transmit rate of the link's source port")
                        .baseUnit("bits.per.second")
                        .tags("src", src, "dst", dst)
                        .register(registry));
    }

    private static Optional<Double> boxed(LinkLoad l) {
        return l.utilisation().isPresent()
                ? Optional.of(l.utilisation().getAsDouble())
                : Optional.empty();
    }

    private static String tag(ConnectPoint p) {
        return p.dpid() + "/" + p.port().value();
    }
}
