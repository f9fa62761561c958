package org.weft.openflow.provider;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.FlowRuleOperation;
import org.weft.openflow.translate.OfFlowMods;
import org.weft.util.IdentityCache;

/**
 * The flow-mods Weft sends again and again (a routed destination's rule re-asserted on every
 * packet-in toward it), translated once: keyed by the rule object itself (identity; weakly, so the
 * entry goes with the last plan holding the rule; read without allocating, {@link IdentityCache})
 * and by the switch's version and pipeline. Each write copies the bytes and sets the xid and, for a
 * rule that releases a buffered packet, the buffer id. Bounded ({@link #MAX_RULES}); thread-safe.
 */
final class FlowModCache {

    /** Rules kept at most (see {@link IdentityCache} for which go beyond it). */
    static final int MAX_RULES = 65_536;

    /** Where the xid sits in any OpenFlow message. */
    private static final int XID_OFFSET = 4;

    /** Where the buffer id sits in a flow-mod: after the match in 1.0, before it in 1.3. */
    static int bufferIdOffset(OFVersion v) {
        return v == OFVersion.OF_10 ? 64 : 32;
    }

    private record Encoded(OFVersion version, boolean policyStage, byte[] bytes) {}

    private final IdentityCache<FlowRule, Encoded> cache = new IdentityCache<>(MAX_RULES);

    /**
     * Writes the flow-mod of an ADD (naming its buffer, if any) with this xid; any other operation
     * is translated afresh.
     *
     * @throws IllegalArgumentException or {@link UnsupportedOperationException} when the rule
     *     cannot be translated for the switch
     */
    void write(ByteBuf out, OFFactory f, boolean policyStage, FlowRuleOperation op, long xid) {
        if (op.type() != FlowRuleOperation.Type.ADD) {
            OfFlowMods.writeFlowMod(f, policyStage, op, xid, out);
            return;
        }
        write(
                out,
                f,
                policyStage,
                op.rule(),
                op.bufferId().isPresent(),
                op.bufferId().orElse(0),
                xid);
    }

    /**
     * The flow-mod of an ADD of {@code rule}, naming the switch's buffer {@code bufferId} when
     * {@code releasing}, with this xid (no operation object needed).
     */
    void write(
            ByteBuf out,
            OFFactory f,
            boolean policyStage,
            FlowRule rule,
            boolean releasing,
            int bufferId,
            long xid) {
        Encoded e = cache.getIfPresent(rule);
        if (e == null || e.version() != f.getVersion() || e.policyStage() != policyStage) {
            ByteBuf tmp = Unpooled.buffer();
            OfFlowMods.writeFlowMod(f, policyStage, FlowRuleOperation.add(rule), 0, tmp);
            e = new Encoded(f.getVersion(), policyStage, ByteBufUtil.getBytes(tmp));
            cache.put(rule, e);
        }
        int start = out.writerIndex();
        out.writeBytes(e.bytes());
        out.setInt(start + XID_OFFSET, (int) xid);
        if (releasing) {
            out.setInt(start + bufferIdOffset(e.version()), bufferId);
        }
    }
}
