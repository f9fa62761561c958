package org.weft.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** The watchers' bounded queue (a ZooKeeper server only so that the cache can start). */
class IntentWatchTest {

    @Test
    void callsOverTheBoundAreDroppedAndCountedAndTheKindIsQueuedAgainLater() throws Exception {
        try (TestingServer zk = new TestingServer(true);
                CuratorFramework client =
                        CuratorFrameworkFactory.newClient(
                                zk.getConnectString(), new RetryOneTime(100))) {
            client.start();
            IntentWatch watch = new IntentWatch(client, 3);
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch queuedOnes = new CountDownLatch(3);
            CountDownLatch requeued = new CountDownLatch(1);
            List<String> called = new CopyOnWriteArrayList<>();
            watch.add(
                    kind -> {
                        called.add(kind);
                        switch (kind) {
                            case "blocking" -> {
                                blocked.countDown();
                                awaitQuietly(release);
                            }
                            case "dropped" -> requeued.countDown();
                            default -> queuedOnes.countDown();
                        }
                    });
            try {
                watch.changed("blocking");
                assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
                watch.changed("a");
                watch.changed("b");
                watch.changed("c");
                watch.changed("a"); // folds into the queued call
                watch.changed("dropped");
                watch.changed("dropped");
                assertThat(watch.dropped()).isEqualTo(2);

                release.countDown();
                assertThat(queuedOnes.await(10, TimeUnit.SECONDS)).isTrue();
                watch.changed("dropped");
                assertThat(requeued.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(called).containsExactly("blocking", "a", "b", "c", "dropped");
                assertThat(watch.dropped()).isEqualTo(2);
            } finally {
                release.countDown();
                watch.close();
            }
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
