package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.weft.net.ConnectPoint;
import org.weft.net.Link;
import org.weft.net.testing.FakeDeviceService;
import org.weft.net.testing.FakePacketService;
import org.weft.time.VirtualTime;

class CoreServicesTest {

    @Test
    void linkEventsOverTheBoundAreDroppedAndCountedWithoutFailingThePoster() throws Exception {
        CoreServices core =
                CoreServices.start(
                        new FakeDeviceService(),
                        new FakePacketService(),
                        CoreServices.Settings.defaults(),
                        new VirtualTime(),
                        4);
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch delivered = new CountDownLatch(4);
        AtomicBoolean first = new AtomicBoolean(true);
        core.linkService()
                .addListener(
                        e -> {
                            if (first.getAndSet(false)) {
                                blocked.countDown();
                                awaitQuietly(release);
                            } else {
                                delivered.countDown();
                            }
                        });
        try {
            core.linkManager().linkSeen(link(1), 0, 10_000);
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 2; i <= 8; i++) {
                core.linkManager().linkSeen(link(i), 0, 10_000); // 4 wait, 3 over the bound
            }
            assertThat(core.eventBacklog()).isEqualTo(4);
            assertThat(core.eventsDropped()).isEqualTo(3);

            release.countDown();
            assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(core.eventsDropped()).isEqualTo(3);
        } finally {
            release.countDown();
            core.close();
        }
    }

    private static Link link(long port) {
        return new Link(ConnectPoint.of(1, port), ConnectPoint.of(2, port));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
