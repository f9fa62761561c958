package org.weft.routing;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.Group;

/**
 * One group per switch and content: every destination whose rule at a switch goes through the same
 * buckets (the same next hops in the same layout, or the same primary and backup) points at the
 * same group. On a fat tree an edge switch then holds one select group for every remote host
 * instead of one per host.
 *
 * <p>A group's id follows from its content (a hash into [{@value #FIRST_ID}, {@value #LAST_ID}],
 * the next free id on a clash), so an instance started again gives the groups the switches hold
 * from before the same ids, and rules left from before keep forwarding the way they did. An id is
 * never given to other content while this registry remembers the switch's groups: a group's content
 * never changes, and a rule or a re-route moves to another group instead. Ids start above the range
 * of the per-host groups of earlier versions, which a pass then removes as unknown. Thread-safe.
 */
final class SharedGroups {

    private static final Logger log = LoggerFactory.getLogger(SharedGroups.class);

    static final int FIRST_ID = 0x0100_0000;
    static final int LAST_ID = 0x7fff_fffe;

    /**
     * Most contents remembered per switch; past that (re-weighted select groups under measured load
     * make new contents over time) the switch's registry starts again. Content keeps its id then,
     * unless it clashed before.
     */
    static final int MAX_PER_SWITCH = 4_096;

    /** What a group is made of. */
    record Content(Group.Type type, List<Group.Bucket> buckets) {}

    private static final class PerSwitch {
        final Map<Content, Group> byContent = new HashMap<>();
        final Map<Integer, Content> byId = new HashMap<>();
    }

    private final Map<Dpid, PerSwitch> switches = new ConcurrentHashMap<>();

    /** A content's hash, from which its preferred id follows. */
    private final ToIntFunction<Content> hash;

    SharedGroups() {
        this(SharedGroups::murmur);
    }

    /** With another hash (tests: ids that clash). */
    SharedGroups(ToIntFunction<Content> hash) {
        this.hash = hash;
    }

    /**
     * A hash of the content that is the same in every JVM: the type, then each bucket's weight,
     * watched port and actions (an output by its port, any other action by its description).
     */
    private static int murmur(Content c) {
        Hasher h = Hashing.murmur3_32_fixed().newHasher();
        h.putInt(c.type().ordinal());
        for (Group.Bucket b : c.buckets()) {
            h.putInt(b.weight()).putLong(b.watchPort() == null ? -1 : b.watchPort().value());
            for (FlowAction a : b.actions()) {
                if (a instanceof FlowAction.Output o) {
                    h.putLong(o.port().value());
                } else {
                    h.putString(a.toString(), StandardCharsets.UTF_8);
                }
            }
            h.putInt(-2);
        }
        return h.hash().asInt();
    }

    /** The switch's group with this content. */
    Group group(Dpid s, Group.Type type, List<Group.Bucket> buckets) {
        PerSwitch at = switches.computeIfAbsent(s, d -> new PerSwitch());
        Content c = new Content(type, buckets);
        synchronized (at) {
            Group g = at.byContent.get(c);
            if (g != null) {
                return g;
            }
            if (at.byContent.size() >= MAX_PER_SWITCH) {
                log.info(
                        "Switch {}: {} group contents remembered; starting its registry again",
                        s,
                        at.byContent.size());
                at.byContent.clear();
                at.byId.clear();
            }
            int id = preferredId(c);
            while (at.byId.containsKey(id)) {
                id = id == LAST_ID ? FIRST_ID : id + 1;
            }
            g = new Group(s, id, type, buckets);
            at.byContent.put(c, g);
            at.byId.put(id, c);
            return g;
        }
    }

    private int preferredId(Content c) {
        int h = hash.applyAsInt(c);
        return FIRST_ID + Math.floorMod(h, LAST_ID - FIRST_ID + 1);
    }
}
