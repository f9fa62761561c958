package org.weft.routing;

import java.util.concurrent.CompletableFuture;

/**
 * Adds up what the switches achieved for one key's update (or one step of it): each switch's part
 * is {@linkplain #expect expected} when it is prepared and {@linkplain #report reported} once its
 * batch ends; the tally completes when it is {@linkplain #seal sealed} and every expected part has
 * reported. Replaces a future per switch and key (392 destinations on 980 switches are 384,000).
 */
final class ChangeTally {

    private final CompletableFuture<Programmed> done = new CompletableFuture<>();
    private int waiting;
    private int confirmed;
    private boolean complete = true;
    private boolean sealed;

    /** One more switch's part will report. */
    synchronized void expect() {
        if (sealed) {
            throw new IllegalStateException("tally already sealed");
        }
        waiting++;
    }

    /** No more parts: completes now if every expected part reported. */
    void seal() {
        Programmed out;
        synchronized (this) {
            sealed = true;
            if (waiting > 0) {
                return;
            }
            out = new Programmed(confirmed, complete);
        }
        done.complete(out);
    }

    /** A part ended: {@code n} operations confirmed, all of its operations if {@code ok}. */
    void report(int n, boolean ok) {
        Programmed out;
        synchronized (this) {
            confirmed += n;
            complete &= ok;
            if (--waiting > 0 || !sealed) {
                return;
            }
            out = new Programmed(confirmed, complete);
        }
        done.complete(out);
    }

    /** Fails the tally (its parts could not be prepared); later reports change nothing. */
    void fail(Throwable e) {
        done.completeExceptionally(e);
    }

    /** Completes (normally) with the sum of the parts once sealed and every part reported. */
    CompletableFuture<Programmed> done() {
        return done;
    }
}
