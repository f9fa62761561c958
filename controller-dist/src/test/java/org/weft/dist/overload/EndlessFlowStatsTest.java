package org.weft.dist.overload;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.dist.WeftConfig;
import org.weft.net.Dpid;

/**
 * Issue 12, scenario 2: a switch completes its handshake politely, then answers the flow-stats
 * request that {@code GET /api/v1/flows?dpid=} makes with an endless stream of OFFlowStatsReply
 * parts flagged REPLY_MORE. Weft must give up on that request at its multipart limits (the REST
 * call gets an error, quickly, not a truncated table) without holding the parts, while everything
 * else stays healthy.
 */
@Tag("overload")
class EndlessFlowStatsTest {

    private static final Logger log = LoggerFactory.getLogger(EndlessFlowStatsTest.class);

    private static final long HOSTILE = 0xbad2;
    private static final int ENTRIES_PER_PART = 400;

    /** The REST request must be answered within this (Weft's request timeout is 10 s). */
    private static final Duration REST_ANSWER = Duration.ofSeconds(8);

    @Test
    void endlessFlowStatsRepliesAreAbandonedAtTheLimit() throws Exception {
        WeftConfig c = OverloadBed.config();
        SoftAssertions softly = new SoftAssertions();
        try (OverloadBed bed = OverloadBed.start(c);
                RawSwitch hostile =
                        bed.hostile(
                                RawSwitch.connect(
                                        bed.openflowPort(), HOSTILE, 4, "endless-flow-stats"))) {
            hostile.completeHandshake(Duration.ofSeconds(5));
            AtomicBoolean armed = new AtomicBoolean();
            AtomicReference<Flood> flood = new AtomicReference<>();
            AtomicLong politeFlowStats = new AtomicLong();
            CountDownLatch asked = new CountDownLatch(1);
            SwitchReader reader =
                    SwitchReader.start(
                            hostile,
                            Duration.ofSeconds(40),
                            m -> {
                                if (!(m instanceof OFFlowStatsRequest)) {
                                    return false;
                                }
                                if (!armed.get() || flood.get() != null) {
                                    politeFlowStats.incrementAndGet();
                                    return false; // the connect-time audit: an empty table
                                }
                                byte[] part = part(m.getXid());
                                flood.set(
                                        Flood.start(
                                                hostile,
                                                "FLOW stats reply parts flagged REPLY_MORE",
                                                Duration.ofSeconds(12),
                                                2L << 30,
                                                Long.MAX_VALUE,
                                                i -> part,
                                                1));
                                asked.countDown();
                                return true;
                            });
            bed.awaitRegistered(HOSTILE, Duration.ofSeconds(5));
            // The routing audit's own flow-stats request is answered politely.
            bed.awaitConnectPass(HOSTILE, Duration.ofSeconds(10));
            armed.set(true);

            String dpid = URLEncoder.encode(Dpid.of(HOSTILE).toString(), StandardCharsets.UTF_8);
            long askedAt = System.nanoTime();
            AtomicLong answeredAt = new AtomicLong();
            CompletableFuture<HttpResponse<String>> get =
                    bed.rest
                            .getAsync("/api/v1/flows?dpid=" + dpid, Duration.ofSeconds(20))
                            .whenComplete((r, e) -> answeredAt.set(System.nanoTime()));
            boolean triggered = asked.await(5, TimeUnit.SECONDS);
            if (triggered) {
                flood.get().await(Duration.ofSeconds(2));
            }
            OverloadBed.eventually(get::isDone, Duration.ofSeconds(2));
            String answer = describe(get);
            // An answer that came after the test's memory emergency closed the switch is not
            // Weft's.
            boolean byWeft = answeredAt.get() != 0 && !hostile.closedByUsBefore(answeredAt.get());
            long answerMillis = byWeft ? (answeredAt.get() - askedAt) / 1_000_000 : -1;

            log.info(
                    "Scenario: GET /api/v1/flows answered in {} ms: {}; flow-stats request seen: {};"
                            + " polite flow-stats answers {}",
                    answerMillis,
                    answer,
                    triggered,
                    politeFlowStats.get());

            bed.finish(Duration.ofSeconds(1), softly);

            softly.assertThat(triggered)
                    .as("GET /api/v1/flows made Weft send the switch a flow-stats request")
                    .isTrue();
            if (triggered) {
                Flood f = flood.get();
                softly.assertThat(f.bytesSent())
                        .as(
                                "bytes of FLOW stats parts the hostile switch got to write (%d"
                                        + " parts, ended by %s): must exceed maxMultipartBytes,"
                                        + " else the limit was never tested",
                                f.messagesSent(), f.endReason())
                        .isGreaterThan(c.openflow.maxMultipartBytes);
            }
            softly.assertThat(answerMillis)
                    .as(
                            "ms until GET /api/v1/flows answered (-1: no answer, or only after the"
                                    + " test closed the switch; %s); the multipart limits"
                                    + " (maxMultipartParts %d, maxMultipartBytes %d) are reached"
                                    + " within a second",
                            answer, c.openflow.maxMultipartParts, c.openflow.maxMultipartBytes)
                    .isBetween(0L, REST_ANSWER.toMillis());
            HttpResponse<String> r =
                    get.isDone() && !get.isCompletedExceptionally() ? get.join() : null;
            softly.assertThat(r).as("answer to GET /api/v1/flows (%s)", answer).isNotNull();
            if (r != null) {
                softly.assertThat(r.statusCode())
                        .as(
                                "status of GET /api/v1/flows: an endless table must be an"
                                        + " error, never a 200 with a truncated table (%s)",
                                answer)
                        .isNotEqualTo(200);
            }
            reader.stopAndJoin();
        }
        softly.assertAll();
    }

    private static String describe(CompletableFuture<HttpResponse<String>> f) {
        if (!f.isDone()) {
            return "no answer yet";
        }
        try {
            HttpResponse<String> r = f.join();
            String body = r.body();
            return r.statusCode() + " " + (body.length() > 200 ? body.substring(0, 200) : body);
        } catch (RuntimeException e) {
            return "failed: " + e.getCause();
        }
    }

    /** One part of ~50 KB: 400 flow entries, REPLY_MORE, the request's xid. */
    private static byte[] part(long xid) {
        var f = SwitchMessages.OF13;
        List<OFFlowStatsEntry> entries = new ArrayList<>();
        for (int i = 0; i < ENTRIES_PER_PART; i++) {
            entries.add(
                    f.buildFlowStatsEntry()
                            .setTableId(TableId.of(0))
                            .setPriority(1000 + i)
                            .setCookie(U64.of(0x0002_0000_0000_0000L | i))
                            .setPacketCount(U64.of(i))
                            .setByteCount(U64.of(64L * i))
                            .setMatch(
                                    f.buildMatch()
                                            .setExact(MatchField.IN_PORT, OFPort.of(1))
                                            .setExact(MatchField.ETH_TYPE, EthType.IPv4)
                                            .setExact(
                                                    MatchField.ETH_DST,
                                                    MacAddress.of(0x0a0000000000L | i))
                                            .setExact(
                                                    MatchField.IPV4_DST,
                                                    IPv4Address.of(0x0a000000 | i))
                                            .build())
                            .setInstructions(
                                    List.of(
                                            f.instructions()
                                                    .applyActions(
                                                            List.of(
                                                                    f.actions()
                                                                            .output(
                                                                                    OFPort.of(2),
                                                                                    0xffff)))))
                            .build());
        }
        byte[] part =
                SwitchMessages.encode(
                        f.buildFlowStatsReply()
                                .setXid(xid)
                                .setFlags(EnumSet.of(OFStatsReplyFlags.REPLY_MORE))
                                .setEntries(entries)
                                .build());
        if (part.length > 0xffff) {
            throw new IllegalStateException("flow stats part too long: " + part.length);
        }
        return part;
    }
}
