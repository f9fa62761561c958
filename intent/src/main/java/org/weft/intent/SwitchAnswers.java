package org.weft.intent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.net.SwitchErrorException;
import org.weft.net.cluster.NotMasterException;
import org.weft.net.flow.BatchResult;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.net.flow.FlowRuleService;
import org.weft.net.intent.StaticFlowException;
import org.weft.net.intent.StaticFlowException.Kind;

/**
 * Sends one static flow operation and waits for the switch's answer, at most the request timeout; a
 * switch's failure to answer becomes a {@link StaticFlowException} saying why.
 */
final class SwitchAnswers {

    private final FlowRuleService flowRules;
    private final Duration timeout;

    SwitchAnswers(FlowRuleService flowRules, Duration timeout) {
        this.flowRules = flowRules;
        this.timeout = timeout;
    }

    /**
     * Sends one operation and waits for the switch's answer, at most the timeout.
     *
     * @throws StaticFlowException saying why the switch did not answer
     * @throws NotMasterException when another instance of the cluster masters the switch (nothing
     *     was sent: the master programs it)
     */
    BatchResult await(String what, Dpid dpid, FlowRuleOperation op) {
        CompletableFuture<BatchResult> future;
        try {
            future = flowRules.apply(dpid, List.of(op));
        } catch (NotMasterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(e, what);
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StaticFlowException(Kind.INTERRUPTED, what + " was interrupted", e);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw failure(e, what);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NotMasterException n) {
                throw n;
            }
            throw failure(e.getCause(), what);
        }
    }

    /** The domain's error for a switch's failure to answer. */
    StaticFlowException failure(Throwable cause, String what) {
        if (cause instanceof CompletionException c && c.getCause() != null) {
            cause = c.getCause();
        }
        if (cause instanceof DeviceNotConnectedException d) {
            return new StaticFlowException(
                    Kind.SWITCH_NOT_CONNECTED,
                    what + ": switch " + d.dpid() + " is not connected",
                    d);
        } else if (cause instanceof SwitchErrorException s) {
            return new StaticFlowException(
                    Kind.REJECTED,
                    what + ": switch " + s.dpid() + " answered " + StaticFlowIds.errorName(s),
                    s);
        } else if (cause instanceof TimeoutException t) {
            return new StaticFlowException(
                    Kind.TIMEOUT,
                    what
                            + ": the switch did not answer within "
                            + timeout.toMillis()
                            + " ms (openflow.requestTimeoutMs)",
                    t);
        } else if (cause instanceof UnsupportedOperationException u) {
            return new StaticFlowException(Kind.UNSUPPORTED, what + ": " + u.getMessage(), u);
        } else if (cause instanceof IllegalArgumentException i) {
            return new StaticFlowException(Kind.INVALID, what + ": " + i.getMessage(), i);
        }
        return new StaticFlowException(Kind.FAILED, what + " failed: " + cause, cause);
    }
}
