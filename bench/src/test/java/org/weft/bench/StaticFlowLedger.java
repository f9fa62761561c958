package org.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.weft.net.Dpid;

/**
 * What the client of one {@link StaticFlowCrashJarIT} run knows about the static flows: those
 * answered 201 and not deleted since, those answered 204, every id issued, and the DELETE the kill
 * left without an answer. Books each answer as it comes (no id twice), lets the store settle the
 * doubt after the restart, and checks the store and the switches against what it knows.
 */
final class StaticFlowLedger {

    /** Where the ledger writes what it learned, and the run so far for a failure message. */
    interface Notes {
        void note(String format, Object... args);

        String reportTail();
    }

    /** A request sent: a POST to a switch or a DELETE of an id, and its answer to come. */
    record Request(
            int index,
            Dpid postTo,
            String deleteId,
            CompletableFuture<StaticFlowClient.Answer> answer) {
        String describe() {
            return (deleteId == null ? "POST to " + postTo : "DELETE " + deleteId)
                    + " (request "
                    + index
                    + ")";
        }
    }

    private final String context;
    private final Notes notes;

    /** Answered 201 and not deleted since: id to DPID. */
    private final Map<String, Dpid> live = new TreeMap<>();

    /** Answered 204. */
    private final Set<String> deleted = new TreeSet<>();

    /** Every id issued so far (answered 201, or seen in the store), in order of issue. */
    private final Set<String> issued = new HashSet<>();

    /** The id of a DELETE that got no answer (the kill): gone or not, the store will tell. */
    private String deleteInDoubt;

    /** The id of the last flow answered 201. */
    private String newest;

    /** {@code context} names the run in every failure message. */
    StaticFlowLedger(String context, Notes notes) {
        this.context = context;
        this.notes = notes;
    }

    /** Whether no flow answered 201 is kept. */
    boolean noneKept() {
        return live.isEmpty();
    }

    /**
     * A kept flow to delete, chosen with {@code rnd}: half the time the newest, if it is still
     * kept. The highest id issued is then often gone at the kill, and a Weft that numbered from its
     * store would issue it again.
     */
    String pickToDelete(Random rnd) {
        List<String> ids = new ArrayList<>(live.keySet());
        String id = ids.get(rnd.nextInt(ids.size()));
        if (rnd.nextBoolean() && live.containsKey(newest)) {
            id = newest;
        }
        return id;
    }

    /** Books an answered request: a POST must get 201 and a new id, a DELETE 204. */
    void book(Request op, StaticFlowClient.Answer a, String when) {
        if (op.deleteId() == null) {
            assertThat(a.status())
                    .as("%s: %s %s: %s", context, op.describe(), when, a.body())
                    .isEqualTo(201);
            String id = a.id();
            if (!issued.add(id)) {
                fail(
                        "%s: %s %s was given id %s, issued before%s",
                        context, op.describe(), when, id, notes.reportTail());
            }
            live.put(id, op.postTo());
            newest = id;
        } else {
            assertThat(a.status())
                    .as("%s: %s %s: %s", context, op.describe(), when, a.body())
                    .isEqualTo(204);
            live.remove(op.deleteId());
            deleted.add(op.deleteId());
        }
    }

    /** The request in flight at the kill got no answer: a DELETE's flow is in doubt. */
    void unanswered(Request op) {
        if (op.deleteId() != null) {
            deleteInDoubt = op.deleteId();
            live.remove(deleteInDoubt);
        }
    }

    /**
     * The store after the restart settles what the kill left in doubt: a flow there that no answer
     * announced was created by the request in flight; a DELETE in flight took effect unless its
     * flow is still there.
     */
    void learnFromStore(List<StaticFlowClient.Stored> store) {
        for (StaticFlowClient.Stored s : store) {
            if (!live.containsKey(s.id())
                    && !deleted.contains(s.id())
                    && !s.id().equals(deleteInDoubt)) {
                if (!issued.add(s.id())) {
                    fail(
                            "%s: the store holds id %s, issued before%s",
                            context, s.id(), notes.reportTail());
                }
                live.put(s.id(), Dpid.parse(s.dpid()));
                notes.note(
                        "flow %s (on %s) was created by the request in flight", s.id(), s.dpid());
            }
            if (s.id().equals(deleteInDoubt)) {
                live.put(s.id(), Dpid.parse(s.dpid()));
                notes.note("the DELETE in flight of %s did not take effect", s.id());
                deleteInDoubt = null;
            }
        }
        if (deleteInDoubt != null) {
            notes.note("the DELETE in flight of %s took effect", deleteInDoubt);
            deleted.add(deleteInDoubt);
            deleteInDoubt = null;
        }
    }

    /**
     * Every 201 not deleted since is in {@code stored} (with its switch) and {@code onSwitches};
     * every 204 is in neither.
     */
    void check(Map<String, Dpid> stored, Set<String> onSwitches, String when) {
        live.forEach(
                (id, dpid) -> {
                    assertThat(stored.get(id))
                            .as("%s %s: flow %s (answered 201) in the store", context, when, id)
                            .isEqualTo(dpid);
                    assertThat(onSwitches)
                            .as("%s %s: flow %s (answered 201) on its switch", context, when, id)
                            .contains(id);
                });
        for (String id : deleted) {
            assertThat(stored)
                    .as("%s %s: flow %s (answered 204) in the store", context, when, id)
                    .doesNotContainKey(id);
            assertThat(onSwitches)
                    .as("%s %s: flow %s (answered 204) on a switch", context, when, id)
                    .doesNotContain(id);
        }
    }

    /** Kept, deleted and issued counts, for the run's summary line. */
    String summary() {
        return String.format(
                "%d flows kept, %d deleted, %d ids issued",
                live.size(), deleted.size(), issued.size());
    }
}
