package org.weft.rest.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.PortNumber;
import org.weft.net.link.impl.LinkManager;
import org.weft.net.stats.PortStatistics;
import org.weft.net.stats.impl.LoadMonitor;
import org.weft.net.topology.LinkInfo;
import org.weft.time.VirtualTime;

class LoadEventSourceTest {

    private static final Link L12 =
            Link.of(
                    ConnectPoint.of(Dpid.of(1), PortNumber.of(1)),
                    ConnectPoint.of(Dpid.of(2), PortNumber.of(1)));

    private final VirtualTime time = new VirtualTime();
    private final LinkManager links = new LinkManager(Runnable::run, time, Duration.ofMinutes(1));
    private final LoadMonitor monitor =
            new LoadMonitor(
                    links, Runnable::run, time, new LoadMonitor.Settings(0.8, 0.7, 4, 60_000));

    private void sample(long txBytes) {
        monitor.portsSampled(
                Dpid.of(1),
                List.of(new PortStatistics(PortNumber.of(1), 0, 0, 0, txBytes, 0, 0, 0, 0)));
    }

    @Test
    void aHotAndACooledLinkAreLoadMessagesUntilUnsubscribed() throws Exception {
        links.linkSeen(L12, LinkInfo.UNKNOWN_LATENCY, 100);
        List<RestEvent> sent = new ArrayList<>();
        AutoCloseable subscription = new LoadEventSource(monitor).subscribe(e -> sent.add(e.get()));
        sample(0);
        time.advance(Duration.ofSeconds(1));
        sample(11_250_000); // 90 Mbit/s on 100
        time.advance(Duration.ofSeconds(1));
        sample(11_250_000 + 1_250_000); // 10 Mbit/s

        assertThat(sent).extracting(RestEvent::topic).containsExactly("load", "load");
        Map<?, ?> hot = (Map<?, ?>) sent.get(0).data();
        assertThat(hot.get("type")).isEqualTo("HOT");
        assertThat((Double) hot.get("utilisation")).isEqualTo(0.9);
        assertThat(hot.get("capacityMbps")).isEqualTo(100L);
        assertThat(((Map<?, ?>) sent.get(1).data()).get("type")).isEqualTo("COOLED");

        subscription.close();
        time.advance(Duration.ofSeconds(1));
        sample(11_250_000 + 1_250_000 + 11_250_000);
        assertThat(sent).hasSize(2);
    }
}
