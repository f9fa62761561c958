package org.weft.openflow.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.weft.net.DeviceNotConnectedException;
import org.weft.net.Dpid;
import org.weft.openflow.translate.OfErrors;

/**
 * What a switch still owes us: replies to single requests (echo, stats) by xid, and
 * barrier-confirmed batches. A batch holds a contiguous xid range ending at its barrier, so an
 * error for any message of the batch is found without one map entry per message.
 */
final class PendingRequests {

    private record Batch(long firstXid, CompletableFuture<Void> future) {}

    private record Multipart(
            List<OFStatsReply> parts, CompletableFuture<List<OFStatsReply>> future) {}

    private final Dpid dpid;
    private final Map<Long, CompletableFuture<OFMessage>> replies = new ConcurrentHashMap<>();
    private final ConcurrentNavigableMap<Long, Batch> batchesByBarrierXid =
            new ConcurrentSkipListMap<>();
    private final Map<Long, Multipart> multiparts = new ConcurrentHashMap<>();

    PendingRequests(Dpid dpid) {
        this.dpid = dpid;
    }

    CompletableFuture<OFMessage> expectReply(long xid) {
        CompletableFuture<OFMessage> f = new CompletableFuture<>();
        replies.put(xid, f);
        f.whenComplete((r, e) -> replies.remove(xid, f));
        return f;
    }

    /**
     * A multipart (stats) request: completes with every part once one arrives without REPLY_MORE.
     */
    CompletableFuture<List<OFStatsReply>> expectMultipart(long xid) {
        CompletableFuture<List<OFStatsReply>> f = new CompletableFuture<>();
        multiparts.put(xid, new Multipart(new ArrayList<>(), f));
        f.whenComplete((r, e) -> multiparts.remove(xid));
        return f;
    }

    CompletableFuture<Void> expectBarrier(long firstXid, long barrierXid) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        batchesByBarrierXid.put(barrierXid, new Batch(firstXid, f));
        return f;
    }

    /** A reply that completes a single request; false if nobody waited for it. */
    boolean reply(OFMessage msg) {
        if (msg instanceof OFStatsReply part) {
            Multipart m = multiparts.get(msg.getXid());
            if (m != null) {
                m.parts.add(part);
                if (!part.getFlags().contains(OFStatsReplyFlags.REPLY_MORE)) {
                    m.future.complete(List.copyOf(m.parts));
                }
                return true;
            }
        }
        CompletableFuture<OFMessage> f = replies.remove(msg.getXid());
        if (f == null) {
            return false;
        }
        f.complete(msg);
        return true;
    }

    /** A barrier reply completes its batch, unless an error failed it already. */
    boolean barrierReply(long xid) {
        Batch b = batchesByBarrierXid.remove(xid);
        if (b == null) {
            return false;
        }
        b.future.complete(null);
        return true;
    }

    /** Fails the request or batch the error answers; false if the xid is not one of ours. */
    boolean error(OFErrorMsg error) {
        long xid = error.getXid();
        CompletableFuture<OFMessage> single = replies.remove(xid);
        if (single != null) {
            single.completeExceptionally(OfErrors.toException(dpid, error));
            return true;
        }
        Multipart multipart = multiparts.remove(xid);
        if (multipart != null) {
            multipart.future.completeExceptionally(OfErrors.toException(dpid, error));
            return true;
        }
        Map.Entry<Long, Batch> e = batchesByBarrierXid.ceilingEntry(xid);
        if (e != null && xid >= e.getValue().firstXid) {
            e.getValue().future.completeExceptionally(OfErrors.toException(dpid, error));
            return true;
        }
        return false;
    }

    /** The channel is gone: everything still waiting fails. */
    void failAll() {
        DeviceNotConnectedException gone = new DeviceNotConnectedException(dpid);
        replies.values().forEach(f -> f.completeExceptionally(gone));
        replies.clear();
        batchesByBarrierXid.values().forEach(b -> b.future.completeExceptionally(gone));
        batchesByBarrierXid.clear();
        multiparts.values().forEach(m -> m.future.completeExceptionally(gone));
        multiparts.clear();
    }

    int size() {
        return replies.size() + batchesByBarrierXid.size() + multiparts.size();
    }
}
