package org.weft.net.reconcile.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.weft.net.Dpid;
import org.weft.net.flow.FlowRule;
import org.weft.net.flow.Group;
import org.weft.net.reconcile.IntentSource;
import org.weft.net.reconcile.SwitchEntries;

/** The apps registered with the reconciler, in registration order. Thread-safe. */
final class IntentSources {

    private final List<IntentSource> sources = new CopyOnWriteArrayList<>();

    void add(IntentSource source) {
        sources.add(source);
    }

    /** Whether any app is changing switches now ({@link IntentSource#changingSwitches}). */
    boolean anyChangingSwitches() {
        for (IntentSource s : sources) {
            if (s.changingSwitches()) {
                return true;
            }
        }
        return false;
    }

    List<IntentSource> all() {
        return sources;
    }

    /** Every app's intended entries on the switch, together. */
    SwitchEntries intended(Dpid dpid) {
        List<FlowRule> f = new ArrayList<>();
        List<Group> g = new ArrayList<>();
        for (IntentSource s : sources) {
            SwitchEntries e = s.intended(dpid);
            f.addAll(e.flows());
            g.addAll(e.groups());
        }
        return new SwitchEntries(f, g);
    }

    /** The cookie app ids of the registered apps. */
    Set<Integer> ownedApps() {
        Set<Integer> apps = new TreeSet<>();
        sources.forEach(s -> apps.add(s.appId()));
        return apps;
    }
}
