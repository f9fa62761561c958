package org.weft.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
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
        ZooKeeperMastership m =
                new ZooKeeperMastership(
                                new ClusterConfig(
                                        zk.getConnectString(), id, id, Duration.ofSeconds(2)))
                        .start();
        assertThat(m.awaitConnected(Duration.ofSeconds(10))).isTrue();
        return m;
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
        ZooKeeperMastershipIT.await(
                Duration.ofSeconds(10), () -> !a.view().zookeeper().equals("CONNECTED"));
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
}
