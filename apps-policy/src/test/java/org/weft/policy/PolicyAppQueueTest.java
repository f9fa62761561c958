package org.weft.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.weft.net.host.impl.HostTracker;
import org.weft.net.link.impl.LinkManager;
import org.weft.net.testing.FakeDeviceService;
import org.weft.store.IntentStore;
import org.weft.store.impl.MemoryIntentStore;
import org.weft.time.VirtualTime;

/** The policy thread's bounded queue: reloads over the bound are dropped and counted. */
class PolicyAppQueueTest {

    @Test
    void reloadsOverTheBoundAreDroppedAndCountedWithoutFailingTheWatcher() throws Exception {
        BlockingStore store = new BlockingStore();
        FakeDeviceService devices = new FakeDeviceService();
        VirtualTime time = new VirtualTime();
        LinkManager links = new LinkManager(Runnable::run, time, Duration.ofSeconds(10));
        HostTracker hosts =
                new HostTracker(devices, links, Runnable::run, time, Duration.ofMinutes(5));
        // No pipeline, meter or stats service: a reload of an unchanged ACL reads only the store.
        PolicyApp app = new PolicyApp(devices, links, hosts, null, null, null, store, 3);
        try {
            store.armed = true;
            store.watcher.accept(PolicyStore.ACL_KIND);
            assertThat(store.blocked.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatCode(
                            () -> {
                                for (int i = 0; i < 5; i++) { // 3 wait, 2 over the bound
                                    store.watcher.accept(PolicyStore.ACL_KIND);
                                }
                            })
                    .doesNotThrowAnyException();
            assertThat(app.workDropped()).isEqualTo(2);

            store.release.countDown();
            assertThat(store.readsAfterRelease.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(app.workDropped()).isEqualTo(2);
        } finally {
            store.release.countDown();
            app.close();
        }
    }

    /** A store in memory whose first read after {@link #armed} waits for {@link #release}. */
    private static final class BlockingStore implements IntentStore {
        final MemoryIntentStore delegate = new MemoryIntentStore();
        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch readsAfterRelease = new CountDownLatch(3);
        volatile boolean armed;
        volatile Consumer<String> watcher;

        @Override
        public Map<String, String> list(String kind) {
            if (armed) {
                if (blocked.getCount() > 0) {
                    blocked.countDown();
                    awaitQuietly(release);
                } else {
                    readsAfterRelease.countDown();
                }
            }
            return delegate.list(kind);
        }

        @Override
        public void put(String kind, String id, String document) {
            delegate.put(kind, id, document);
        }

        @Override
        public boolean remove(String kind, String id) {
            return delegate.remove(kind, id);
        }

        @Override
        public long nextId(String kind) {
            return delegate.nextId(kind);
        }

        @Override
        public boolean quarantine(String kind, String id, String reason) {
            return delegate.quarantine(kind, id, reason);
        }

        @Override
        public void watch(Consumer<String> kindChanged) {
            watcher = kindChanged;
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
