package org.weft.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.store.IntentStore;
import org.weft.store.StoreException;

/** Intent kept in a real ZooKeeper server, seen alike by two instances. */
class ZooKeeperIntentStoreIT {

    private TestingServer zk;
    private ZooKeeperMastership a;
    private ZooKeeperMastership b;

    private ZooKeeperMastership join(String id) throws Exception {
        return TestInstances.join(zk.getConnectString(), id);
    }

    @BeforeEach
    void setUp() throws Exception {
        zk = new TestingServer(true);
        a = join("a");
        b = join("b");
    }

    @AfterEach
    void tearDown() throws Exception {
        a.close();
        b.close();
        zk.close();
    }

    @Test
    void aDocumentWrittenByOneInstanceIsReadByAnother() {
        IntentStore sa = a.intentStore();
        IntentStore sb = b.intentStore();
        sa.put("flows", "1", "{\"x\":1}");
        assertThat(sb.list("flows")).isEqualTo(Map.of("1", "{\"x\":1}"));
        assertThat(sb.remove("flows", "1")).isTrue();
        assertThat(sa.list("flows")).isEmpty();
        assertThat(sa.remove("flows", "1")).isFalse();
        assertThat(sa.list("never-written")).isEmpty();
    }

    @Test
    void idsGrowAcrossInstancesAndPastExistingDocuments() {
        IntentStore sa = a.intentStore();
        IntentStore sb = b.intentStore();
        sa.put("flows", "41", "{}");
        long first = sa.nextId("flows");
        long second = sb.nextId("flows");
        long third = sa.nextId("flows");
        assertThat(first).isEqualTo(42);
        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second);
    }

    @Test
    void quarantinedDocumentsLeaveTheKind() {
        IntentStore sa = a.intentStore();
        sa.put("weights", "7", "garbage");
        assertThat(sa.quarantine("weights", "7", "unreadable")).isTrue();
        assertThat(b.intentStore().list("weights")).isEmpty();
        assertThat(sa.quarantine("weights", "7", "again")).isFalse();
    }

    @Test
    void withoutZooKeeperWritesFailAtOnce() throws Exception {
        IntentStore sa = a.intentStore();
        zk.stop();
        InstanceChanges changes = new InstanceChanges();
        changes.watch(a);
        changes.await(Duration.ofSeconds(10), () -> !a.view().zookeeper().equals("CONNECTED"));
        long start = System.nanoTime();
        assertThatThrownBy(() -> sa.put("flows", "1", "{}"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("unreachable");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void namesAreChecked() {
        assertThatThrownBy(() -> a.intentStore().put("../x", "1", "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyInstanceHearsOfEveryChangeOfAKindItsOwnIncluded() throws Exception {
        BlockingQueue<String> heardByA = new LinkedBlockingQueue<>();
        BlockingQueue<String> heardByB = new LinkedBlockingQueue<>();
        a.intentStore().watch(heardByA::add);
        b.intentStore().watch(heardByB::add);

        a.intentStore().put("link-weights", "x", "7.5");
        assertThat(heardByB.poll(5, TimeUnit.SECONDS)).isEqualTo("link-weights");
        assertThat(heardByA.poll(5, TimeUnit.SECONDS)).isEqualTo("link-weights");
        b.intentStore().put("link-weights", "x", "2.0");
        assertThat(heardByA.poll(5, TimeUnit.SECONDS)).isEqualTo("link-weights");
        b.intentStore().remove("link-weights", "x");
        assertThat(heardByA.poll(5, TimeUnit.SECONDS)).isEqualTo("link-weights");
        a.intentStore().put("acl", "web", "{}");
        assertThat(heardByB.poll(5, TimeUnit.SECONDS)).isIn("link-weights", "acl");
    }

    @Test
    void aDocumentSeveralInstancesFindUnreadableIsQuarantinedByOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String id = Integer.toString(round);
                a.intentStore().put("acl", id, "{broken");
                List<Callable<Boolean>> both =
                        List.of(
                                () -> a.intentStore().quarantine("acl", id, "unreadable"),
                                () -> b.intentStore().quarantine("acl", id, "unreadable"));
                long moved = 0;
                for (Future<Boolean> f : pool.invokeAll(both)) {
                    moved += f.get() ? 1 : 0;
                }
                assertThat(moved).as("round " + round).isEqualTo(1);
                assertThat(b.intentStore().list("acl")).doesNotContainKey(id);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWatcherAddedLaterIsToldOfEveryKindStoredSoItMissesNothing() throws Exception {
        BlockingQueue<String> first = new LinkedBlockingQueue<>();
        a.intentStore().watch(first::add);
        a.intentStore().put("acl", "web", "{}");
        assertThat(first.poll(5, TimeUnit.SECONDS)).isEqualTo("acl");

        BlockingQueue<String> later = new LinkedBlockingQueue<>();
        a.intentStore().watch(later::add);
        assertThat(later.poll(5, TimeUnit.SECONDS)).isEqualTo("acl");
        assertThat(first.poll(200, TimeUnit.MILLISECONDS)).as("no news for the first").isNull();
    }
}
