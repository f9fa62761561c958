package org.weft.rest.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.intent.StaticFlowManager;
import org.weft.net.Dpid;
import org.weft.net.SwitchErrorException;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.reconcile.SwitchEntries;
import org.weft.net.testing.FakeDeviceService;
import org.weft.rest.ApiException;
import org.weft.rest.dto.StaticFlowDto;
import org.weft.rest.dto.StaticFlowRequest;
import org.weft.store.IntentStore;
import org.weft.store.impl.FileIntentStore;
import org.weft.store.impl.MemoryIntentStore;

/**
 * Static flow requests through {@link StaticFlowRequests} to the real intent layer ({@link
 * StaticFlowManager}) over fake switches: the API's answers, the flows kept, what was sent. Time is
 * driven by the test: a silent switch's batch fails with the driver's {@link TimeoutException} when
 * the test says so.
 */
class StaticFlowRequestsTest {

    private static final Dpid S1 = Dpid.of(1);
    private static final Dpid S2 = Dpid.of(2);

    /** Longer than any test: the fake driver's timeouts are the ones that fire. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir Path dir;

    private final FakeDeviceService devices = new FakeDeviceService();
    private final FakeSwitches switches = new FakeSwitches();

    private StaticFlowRequests service(IntentStore store) {
        return new StaticFlowRequests(
                new StaticFlowManager(devices, switches, store, TIMEOUT, switches),
                new SwitchCalls(TIMEOUT, 8));
    }

    /** The driver's answer to a batch its switch never confirmed within the request timeout. */
    private static void timeOut(FakeSwitches.Sent batch) {
        batch.answer().completeExceptionally(new TimeoutException("no barrier reply"));
    }

    private static StaticFlowRequest flow(long dpid, int priority) {
        return new StaticFlowRequest(
                Dpid.of(dpid).toString(), priority, null, List.of(), null, null);
    }

    private static ApiException refusal(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("no ApiException");
    }

    @Test
    void idsAreNeverReusedAcrossARestartOverTheSameStore() {
        devices.connect(1, 2);
        IntentStore store = new FileIntentStore(dir.resolve("intents"));
        StaticFlowRequests first = service(store);
        assertThat(first.add(flow(1, 10)).id()).isEqualTo("1");
        assertThat(first.add(flow(1, 11)).id()).isEqualTo("2");
        first.remove("2");

        StaticFlowRequests second = service(new FileIntentStore(dir.resolve("intents")));
        assertThat(second.list()).extracting(StaticFlowDto::id).containsExactly("1");
        assertThat(second.add(flow(1, 12)).id()).isEqualTo("3");
    }

    @Test
    void aFlowIsPendingUntilItsBarrierConfirmsIt() throws Exception {
        devices.connect(1, 2);
        switches.silent.add(S1);
        StaticFlowRequests service = service(new MemoryIntentStore());
        CompletableFuture<StaticFlowDto> post =
                CompletableFuture.supplyAsync(() -> service.add(flow(1, 10)));
        switches.awaitSent(S1, 1);

        assertThat(service.list())
                .singleElement()
                .extracting(StaticFlowDto::state)
                .isEqualTo("PENDING");
        switches.sentTo(S1).get(0).answer().complete(BatchResult.confirmed(1));

        assertThat(post.get(5, TimeUnit.SECONDS).state()).isEqualTo("INSTALLED");
        assertThat(service.list())
                .singleElement()
                .extracting(StaticFlowDto::state)
                .isEqualTo("INSTALLED");
    }

    @Test
    void aFlowTheSwitchRejectsIsNotKeptAndTheAnswerNamesTheError() {
        devices.connect(1, 2);
        switches.answers.put(
                S1,
                n ->
                        BatchResult.of(
                                n,
                                Map.of(
                                        0,
                                        new SwitchErrorException(
                                                S1, 1, "FLOW_MOD_FAILED", "TABLE_FULL"))));
        IntentStore store = new MemoryIntentStore();
        StaticFlowRequests service = service(store);

        ApiException e = refusal(() -> service.add(flow(1, 10)));
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.detail()).contains("FLOW_MOD_FAILED/TABLE_FULL").contains("not kept");
        assertThat(service.list()).isEmpty();
        assertThat(store.list(StaticFlowManager.KIND)).isEmpty();
    }

    @Test
    void aSilentSwitchCostsItsRequestTheTimeoutAndNobodyElseAnything() throws Exception {
        devices.connect(1, 2);
        devices.connect(2, 2);
        switches.silent.add(S1);
        IntentStore store = new MemoryIntentStore();
        StaticFlowRequests service = service(store);

        CompletableFuture<ApiException> stuck =
                CompletableFuture.supplyAsync(() -> refusal(() -> service.add(flow(1, 10))));
        FakeSwitches.Sent silent = switches.awaitSent(S1, 1);
        StaticFlowDto other = service.add(flow(2, 10));
        assertThat(other.state()).isEqualTo("INSTALLED");
        assertThat(stuck).as("the healthy switch's POST waited for the silent one").isNotDone();

        timeOut(silent);
        ApiException e = stuck.get(5, TimeUnit.SECONDS);
        assertThat(e.status()).isEqualTo(504);
        assertThat(e.detail()).contains("not kept").contains("reconciliation removes");
        assertThat(service.list()).extracting(StaticFlowDto::dpid).containsExactly(S2.toString());
        assertThat(store.list(StaticFlowManager.KIND)).containsOnlyKeys(other.id());
        assertThat(switches.passesRequested).as("a pass removes the remnant").contains(S1);
    }

    @Test
    void aDeletionWhileTheSwitchIsAwayIsRecordedAndNothingIsSent() {
        devices.connect(1, 2);
        IntentStore store = new MemoryIntentStore();
        StaticFlowRequests service = service(store);
        String id = service.add(flow(1, 10)).id();
        devices.disconnect(1);
        assertThat(service.list())
                .singleElement()
                .extracting(StaticFlowDto::state)
                .isEqualTo("SWITCH_DISCONNECTED");
        int sent = switches.sent.size();

        service.remove(id);
        assertThat(switches.sent).hasSize(sent);
        assertThat(service.list()).isEmpty();
        assertThat(store.list(StaticFlowManager.KIND)).isEmpty();
        assertThat(refusal(() -> service.remove(id)).status()).isEqualTo(404);
    }

    @Test
    void aDeletionTheSwitchDoesNotConfirmIsRecordedAndSaysSo() throws Exception {
        devices.connect(1, 2);
        IntentStore store = new MemoryIntentStore();
        StaticFlowRequests service = service(store);
        String id = service.add(flow(1, 10)).id();
        switches.silent.add(S1);

        CompletableFuture<ApiException> removal =
                CompletableFuture.supplyAsync(() -> refusal(() -> service.remove(id)));
        timeOut(switches.awaitSent(S1, 2));
        ApiException e = removal.get(5, TimeUnit.SECONDS);
        assertThat(e.status()).isEqualTo(504);
        assertThat(e.detail()).contains("deletion is recorded").contains("reconciliation");
        assertThat(service.list()).isEmpty();
        assertThat(store.list(StaticFlowManager.KIND)).isEmpty();
        assertThat(switches.sentTo(S1).get(1).ops().get(0).type())
                .isEqualTo(FlowRuleOperation.Type.REMOVE);
    }

    @Test
    void duplicatesAreRefusedBeforeAnythingIsRecordedOrSent() {
        devices.connect(1, 2);
        StaticFlowRequests service = service(new MemoryIntentStore());
        service.add(flow(1, 10));
        int sent = switches.sent.size();
        assertThat(refusal(() -> service.add(flow(1, 10))).status()).isEqualTo(409);
        assertThat(refusal(() -> service.add(flow(9, 10))).status()).isEqualTo(409);
        assertThat(switches.sent).hasSize(sent);
        assertThat(service.list()).hasSize(1);
    }

    @Test
    void unreadableRecordsAreQuarantinedAndTheOthersLoaded() {
        MemoryIntentStore store = new MemoryIntentStore();
        String good =
                "{\"id\":\"4\",\"dpid\":\"00:00:00:00:00:00:00:01\",\"priority\":10,"
                        + "\"match\":{},\"actions\":[],\"idleTimeout\":0,\"hardTimeout\":0,"
                        + "\"cookie\":\"0x0010000000000004\",\"installed\":null}";
        store.put(StaticFlowManager.KIND, "4", good);
        store.put(StaticFlowManager.KIND, "5", "{not json");
        store.put(StaticFlowManager.KIND, "6", good.replace("\"4\"", "\"7\""));
        store.put(StaticFlowManager.KIND, "8", good.replace("\"priority\":10", "\"priority\":-1"));

        StaticFlowRequests service = service(store);
        assertThat(service.list()).extracting(StaticFlowDto::id).containsExactly("4");
        assertThat(store.quarantined(StaticFlowManager.KIND)).containsOnlyKeys("5", "6", "8");
        assertThat(store.list(StaticFlowManager.KIND)).containsOnlyKeys("4");
    }

    @Test
    void reconcilePassesSetTheStatesOfTheFlowsTheyTouched() {
        devices.connect(1, 2);
        StaticFlowRequests service = service(new MemoryIntentStore());
        service.add(flow(1, 10));
        service.add(flow(1, 11));
        IntentSource intent = switches.sources.get(0);
        assertThat(intent.name()).isEqualTo("static");
        assertThat(intent.appId()).isEqualTo(StaticFlowManager.APP_ID);
        SwitchEntries wanted = intent.intended(S1);
        assertThat(wanted.flows()).hasSize(2);
        assertThat(intent.intended(S2).flows()).isEmpty();

        intent.rejected(
                S1,
                FlowRuleOperation.add(wanted.flows().get(1)),
                new SwitchErrorException(S1, 3, "FLOW_MOD_FAILED", "OVERLAP"));
        assertThat(service.get("2").orElseThrow().state()).isEqualTo("FAILED");
        assertThat(service.get("2").orElseThrow().error()).isEqualTo("FLOW_MOD_FAILED/OVERLAP");
        assertThat(service.get("1").orElseThrow().state()).isEqualTo("INSTALLED");

        intent.inSync(S1, wanted);
        assertThat(service.get("2").orElseThrow().state()).isEqualTo("INSTALLED");
        assertThat(service.get("2").orElseThrow().error()).isNull();
    }
}
