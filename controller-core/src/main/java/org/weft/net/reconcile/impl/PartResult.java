package org.weft.net.reconcile.impl;

/** What a pass (or one app's part of it) sent to converge a switch, and what was not confirmed. */
record PartResult(int added, int modified, int removed, int failed) {

    static final PartResult NONE = new PartResult(0, 0, 0, 0);

    int operations() {
        return added + modified + removed;
    }

    PartResult plus(PartResult o) {
        return new PartResult(
                added + o.added, modified + o.modified, removed + o.removed, failed + o.failed);
    }
}
