package org.weft.net.reconcile.impl;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.weft.net.Dpid;
import org.weft.net.MacAddress;
import org.weft.net.flow.Cookies;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowMatch;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.reconcile.PassReport;
import org.weft.net.reconcile.SwitchEntries;
import org.weft.net.reconcile.SyncState;
import org.weft.net.testing.FakeDeviceService;
import org.weft.net.testing.FakeSwitchTables;
import org.weft.time.VirtualTime;

/**
 * What the reconciler's tests share: fake switches and devices, virtual time, an app whose intent
 * the test sets, and a reconciler whose state runs on the test's thread (a sequential direct
 * executor): the fakes answer at once, so every pass a call starts has ended when the call returns,
 * and periodic passes and back-off happen only when the test advances time.
 */
abstract class ReconcilerTestBase {

    static final int APP = 7;
    static final int OTHER_APP = 9;
    static final Dpid S1 = Dpid.of(1);
    static final Dpid S2 = Dpid.of(2);

    final FakeDeviceService devices = new FakeDeviceService();
    final FakeSwitchTables tables = new FakeSwitchTables();
    final VirtualTime time = new VirtualTime();
    final App app = new App(time);
    Reconciler reconciler;

    /** An app whose intent the test sets, recording what the reconciler tells it. */
    static final class App implements IntentSource {
        final VirtualTime time;
        final Map<Dpid, SwitchEntries> intent = new ConcurrentHashMap<>();
        final List<Long> passStartedAt = new ArrayList<>();
        final Map<Dpid, List<Group>> groupsAfter = new ConcurrentHashMap<>();
        final Map<Dpid, SwitchEntries> inSync = new ConcurrentHashMap<>();
        volatile int exclusiveRuns;
        volatile boolean learnsAfterStart;
        volatile boolean changing;
        volatile java.util.function.Consumer<Dpid> requestPass;

        App(VirtualTime time) {
            this.time = time;
        }

        @Override
        public String name() {
            return "test";
        }

        @Override
        public int appId() {
            return APP;
        }

        @Override
        public boolean hasGroups() {
            return true;
        }

        @Override
        public boolean ownsGroup(int groupId) {
            return groupId < 100;
        }

        @Override
        public SwitchEntries intended(Dpid dpid) {
            return intent.getOrDefault(dpid, SwitchEntries.EMPTY);
        }

        @Override
        public boolean learnsIntentAfterStart() {
            return learnsAfterStart;
        }

        @Override
        public boolean changingSwitches() {
            return changing;
        }

        @Override
        public void passOnRequest(java.util.function.Consumer<Dpid> requestPass) {
            this.requestPass = requestPass;
        }

        @Override
        public <T> CompletableFuture<T> exclusive(Dpid dpid, Supplier<CompletableFuture<T>> pass) {
            exclusiveRuns++;
            passStartedAt.add(time.nanos());
            return pass.get();
        }

        @Override
        public void groupsAfterPass(Dpid dpid, List<Group> groups) {
            groupsAfter.put(dpid, groups);
        }

        @Override
        public void inSync(Dpid dpid, SwitchEntries intended) {
            inSync.put(dpid, intended);
        }
    }

    static FlowRule rule(Dpid s, int app, long dst, int port) {
        return rule(s, app, dst, port, 0);
    }

    static FlowRule rule(Dpid s, int app, long dst, int port, int idle) {
        return FlowRule.builder(s)
                .priority(100)
                .match(FlowMatch.builder().ethDst(MacAddress.of(dst)).build())
                .actions(FlowAction.output(port))
                .idleTimeout(idle)
                .cookie(Cookies.make(app, dst))
                .build();
    }

    static Group group(Dpid s, int id, int port) {
        return new Group(
                s,
                id,
                Group.Type.SELECT,
                List.of(new Group.Bucket(1, null, List.of(FlowAction.output(port)))));
    }

    Reconciler start(ReconcileConfig config) {
        reconciler =
                new Reconciler(
                        devices,
                        tables,
                        tables,
                        tables,
                        tables,
                        config,
                        time,
                        MoreExecutors.newSequentialExecutor(MoreExecutors.directExecutor()));
        reconciler.register(app);
        return reconciler.start();
    }

    static ReconcileConfig config(Duration interval) {
        return new ReconcileConfig(
                interval, 16, Duration.ofMillis(20), Duration.ofMillis(80), false);
    }

    /** Connects a switch; its connect pass has ended on return. */
    void connect(Dpid s) {
        tables.connect(s);
        devices.connect(s.value(), 4);
        assertThat(reconciler.state(s)).isEqualTo(SyncState.IN_SYNC);
    }

    /** Asks for a pass, which has ended on return. */
    PassReport reconcileNow(Dpid s) {
        CompletableFuture<PassReport> f = reconciler.reconcile(s);
        assertThat(f).isDone();
        return f.join();
    }

    @AfterEach
    void stop() {
        if (reconciler != null) {
            reconciler.close();
        }
    }
}
