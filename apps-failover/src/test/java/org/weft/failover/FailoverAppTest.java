package org.weft.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.weft.net.Link;
import org.weft.net.routing.RouteChange;
import org.weft.net.topology.TopologyEvent;
import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologyListener;
import org.weft.net.topology.TopologyService;
import org.weft.net.topology.TopologySnapshot;
import org.weft.time.VirtualTime;

/** The app wired together: topology changes become re-planning, route changes become events. */
class FailoverAppTest {

    private static final class FakeTopology implements TopologyService {
        final TopologySnapshot snapshot = TopologyFixtures.ring(4);
        final List<TopologyListener> listeners = new CopyOnWriteArrayList<>();

        @Override
        public TopologySnapshot currentSnapshot() {
            return snapshot;
        }

        @Override
        public void addListener(TopologyListener l) {
            listeners.add(l);
        }

        @Override
        public void removeListener(TopologyListener l) {
            listeners.remove(l);
        }
    }

    private final FakeRouting routing = new FakeRouting();
    private final FakeTopology topology = new FakeTopology();

    private final VirtualTime time = new VirtualTime(Instant.ofEpochMilli(7));

    private FailoverApp app() {
        return new FailoverApp(
                routing,
                routing,
                topology,
                new FailoverConfig(true, Duration.ofSeconds(1)),
                MoreExecutors.directExecutor(),
                time);
    }

    @Test
    void aLostLinkIsRestoredAndItsRouteChangeBecomesAnEvent() throws Exception {
        try (FailoverApp app = app().start()) {
            Link l = topology.snapshot.links().iterator().next();
            TopologyEvent e =
                    new TopologyEvent(
                            topology.snapshot,
                            Set.of(),
                            Set.of(),
                            Set.of(),
                            Set.of(l),
                            Set.of(),
                            List.of());
            topology.listeners.forEach(x -> x.event(e));

            FakeRouting.Call restore = routing.calls.poll(5, TimeUnit.SECONDS);
            assertThat(restore).isNotNull();
            assertThat(restore.what()).isEqualTo("restore");
            assertThat(restore.links()).containsExactly(l);
            assertThat(restore.nanos()).isEqualTo(time.nanos());

            routing.fire(
                    new RouteChange(RouteChange.Cause.LOSS, Set.of(l), Set.of(), 1, 2, 3, 4, 5));
            assertThat(app.stats().reroutes()).isEqualTo(1);
            assertThat(app.recentEvents()).hasSize(1);
        }
        assertThat(routing.listeners).as("unregistered on close").isEmpty();
        assertThat(topology.listeners).isEmpty();
    }

    @Test
    void protectionIsLocalProtectionOrNone() {
        assertThat(FailoverApp.protection(FailoverConfig.defaults()))
                .isInstanceOf(LocalProtection.class);
        assertThat(FailoverApp.protection(new FailoverConfig(false, Duration.ZERO))).isNull();
    }
}
