package org.weft.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.weft.net.Dpid;
import org.weft.net.PortNumber;
import org.weft.net.SwitchErrorException;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.intent.StaticFlow;
import org.weft.net.intent.StaticFlowException;
import org.weft.net.intent.StaticFlowException.Kind;
import org.weft.net.intent.StaticFlowState;
import org.weft.net.intent.SwitchWaits;
import org.weft.net.testing.FakeDeviceService;
import org.weft.store.impl.MemoryIntentStore;

/** The static flow service in domain terms; REST's answers are tested in rest-api. */
class StaticFlowManagerTest {

    private static final Dpid S1 = Dpid.of(1);

    private final FakeDeviceService devices = new FakeDeviceService();
    private final MemoryIntentStore store = new MemoryIntentStore();
    private final List<List<FlowRuleOperation>> sent = new CopyOnWriteArrayList<>();
    private volatile BatchResult answer;

    private final FlowRuleService switches =
            (dpid, ops) -> {
                sent.add(ops);
                return CompletableFuture.completedFuture(
                        answer == null ? BatchResult.confirmed(ops.size()) : answer);
            };

    /** A caller whose bound is always reached. */
    private static final SwitchWaits FULL =
            what -> {
                throw new IllegalStateException("full: " + what);
            };

    private StaticFlowManager service() {
        return new StaticFlowManager(devices, switches, store, Duration.ofSeconds(5), null);
    }

    private static FlowRule rule(int priority, long outPort) {
        return FlowRule.builder(S1)
                .priority(priority)
                .actions(FlowAction.output(PortNumber.of(outPort)))
                .cookie(0xdeadL)
                .build();
    }

    @Test
    void anAddedFlowIsRecordedWithTheCookieOfItsIdAndInstalled() {
        devices.connect(1, 2);
        StaticFlowManager service = service();
        StaticFlow f = service.add(rule(10, 2), SwitchWaits.UNBOUNDED);

        assertThat(f.id()).isEqualTo(1);
        assertThat(f.state()).isEqualTo(StaticFlowState.INSTALLED);
        assertThat(f.rule().cookie()).isEqualTo(0x0010000000000001L);
        assertThat(sent).singleElement().isEqualTo(List.of(FlowRuleOperation.add(f.rule())));
        assertThat(store.list(StaticFlowManager.KIND).get("1"))
                .isEqualTo(StaticFlowCodec.encode(1, f.rule()));
        assertThat(service.idOfCookie(0x0010000000000001L)).hasValue(1L);
        assertThat(service.idOfCookie(0x0020000000000001L)).isEmpty();

        StaticFlowManager restarted = service();
        assertThat(restarted.get("1").orElseThrow().rule()).isEqualTo(f.rule());
        assertThat(restarted.get("1").orElseThrow().state()).isEqualTo(StaticFlowState.PENDING);
    }

    @Test
    void refusalsBeforeSendingLeaveNothingRecordedOrSent() {
        StaticFlowManager service = service();
        assertThat(refusal(() -> service.add(rule(10, 2), SwitchWaits.UNBOUNDED)).kind())
                .isEqualTo(Kind.SWITCH_NOT_CONNECTED);
        devices.connect(1, 2);
        assertThat(refusal(() -> service.add(rule(10, 9), SwitchWaits.UNBOUNDED)).kind())
                .isEqualTo(Kind.NO_SUCH_PORT);
        IllegalStateException full =
                catchThrowableOfType(
                        IllegalStateException.class, () -> service.add(rule(10, 2), FULL));
        assertThat(full).hasMessageContaining("installing a static flow");
        service.add(rule(10, 2), SwitchWaits.UNBOUNDED);
        assertThat(refusal(() -> service.add(rule(10, 1), SwitchWaits.UNBOUNDED)).kind())
                .isEqualTo(Kind.DUPLICATE);

        assertThat(sent).hasSize(1);
        assertThat(store.list(StaticFlowManager.KIND)).containsOnlyKeys("1");
    }

    @Test
    void aRejectedFlowIsForgottenAndTheErrorCarriesTheSwitchError() {
        devices.connect(1, 2);
        SwitchErrorException error = new SwitchErrorException(S1, 1, "BAD_ACTION", "BAD_OUT_PORT");
        answer = BatchResult.of(1, Map.of(0, error));
        StaticFlowManager service = service();

        StaticFlowException e = refusal(() -> service.add(rule(10, 2), SwitchWaits.UNBOUNDED));
        assertThat(e.kind()).isEqualTo(Kind.REJECTED);
        assertThat(e)
                .hasMessageContaining("not kept")
                .hasMessageContaining("BAD_ACTION/BAD_OUT_PORT");
        assertThat(e.getCause()).isSameAs(error);
        assertThat(service.list()).isEmpty();
        assertThat(store.list(StaticFlowManager.KIND)).isEmpty();
    }

    @Test
    void aDeletionWhileTheSwitchIsAwayTakesNoPlaceAndSendsNothing() {
        devices.connect(1, 2);
        StaticFlowManager service = service();
        long id = service.add(rule(10, 2), SwitchWaits.UNBOUNDED).id();
        devices.disconnect(1);
        assertThat(service.get(Long.toString(id)).orElseThrow().state())
                .isEqualTo(StaticFlowState.SWITCH_DISCONNECTED);

        service.remove(Long.toString(id), FULL);
        assertThat(sent).hasSize(1);
        assertThat(service.size()).isZero();
        assertThat(refusal(() -> service.remove(Long.toString(id), FULL)).kind())
                .isEqualTo(Kind.NOT_FOUND);
        assertThat(refusal(() -> service.remove("x", FULL)).kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void aRemovalTheSwitchRejectsIsRecordedAndSaysWhy() {
        devices.connect(1, 2);
        StaticFlowManager service = service();
        long id = service.add(rule(10, 2), SwitchWaits.UNBOUNDED).id();
        answer =
                BatchResult.of(
                        1, Map.of(0, new SwitchErrorException(S1, 2, "FLOW_MOD_FAILED", "EPERM")));

        StaticFlowException e =
                refusal(() -> service.remove(Long.toString(id), SwitchWaits.UNBOUNDED));
        assertThat(e.kind()).isEqualTo(Kind.NOT_REMOVED);
        assertThat(((StaticFlowException) e.getCause()).kind()).isEqualTo(Kind.REJECTED);
        assertThat(e).hasMessageContaining("deletion is recorded");
        assertThat(store.list(StaticFlowManager.KIND)).isEmpty();
    }

    private static StaticFlowException refusal(Runnable r) {
        StaticFlowException e = catchThrowableOfType(StaticFlowException.class, r::run);
        assertThat(e).as("a StaticFlowException").isNotNull();
        return e;
    }
}
