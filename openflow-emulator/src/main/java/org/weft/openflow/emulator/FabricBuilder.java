package org.weft.openflow.emulator;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;

/**
 * Builds an {@link EmulatedFabric}: switches, then cables between numbered ports. Ready-made shapes
 * use the DPIDs of core's test fixtures: {@code ring(n)} and {@code linear(n)} use 1..n, fat trees
 * and leaf-spines use core/spine {@code 0x100+i}, aggregation/leaf {@code 0x200+i}, edge {@code
 * 0x300+i}.
 */
public final class FabricBuilder {

    /** First DPID of fat-tree core switches and leaf-spine spines. */
    public static final long CORE_BASE = 0x100;

    /** First DPID of fat-tree aggregation switches and leaf-spine leaves. */
    public static final long AGG_BASE = 0x200;

    /** First DPID of fat-tree edge switches. */
    public static final long EDGE_BASE = 0x300;

    private final Map<Dpid, EmulatedSwitchBuilder> switches = new LinkedHashMap<>();
    private final List<EmulatedFabric.Cable> cables = new ArrayList<>();
    private boolean record = false;

    FabricBuilder() {}

    /** Switches 1..n in a ring: switch i port 1 to switch i+1 port 2 (and n to 1); 4 ports each. */
    public static FabricBuilder ring(int n) {
        checkArgument(n >= 3, "a ring needs at least 3 switches");
        FabricBuilder b = new FabricBuilder();
        for (int i = 1; i <= n; i++) {
            b.addSwitch(i, 4);
        }
        for (int i = 1; i <= n; i++) {
            b.cable(i, 1, i % n + 1, 2);
        }
        return b;
    }

    /** Switches 1..n in a line: switch i port 2 to switch i+1 port 1; 3 ports each. */
    public static FabricBuilder linear(int n) {
        checkArgument(n >= 2, "a line needs at least 2 switches");
        FabricBuilder b = new FabricBuilder();
        for (int i = 1; i <= n; i++) {
            b.addSwitch(i, 3);
        }
        for (int i = 1; i < n; i++) {
            b.cable(i, 2, i + 1, 1);
        }
        return b;
    }

    /**
     * A k-ary fat tree: (k/2)^2 core, k pods of k/2 aggregation and k/2 edge switches, k ports
     * each. Edge e's port a+1 goes to aggregation a's port e+1; aggregation a's port k/2+c+1 goes
     * to core a*k/2+c's port pod+1. Edge ports k/2+1..k are free for hosts.
     */
    public static FabricBuilder fatTree(int k) {
        checkArgument(k >= 2 && k % 2 == 0, "k must be even and at least 2");
        int half = k / 2;
        // Up to k=16 the layers fit 256 DPIDs apart (CORE_BASE, AGG_BASE, EDGE_BASE); larger
        // fabrics
        // (k=28: 980 switches) spread them 64 times further so they cannot overlap.
        long scale = k <= 16 ? 1 : 0x40;
        long coreBase = CORE_BASE * scale;
        long aggBase = AGG_BASE * scale;
        long edgeBase = EDGE_BASE * scale;
        FabricBuilder b = new FabricBuilder();
        for (int c = 0; c < half * half; c++) {
            b.addSwitch(coreBase + c, k);
        }
        for (int pod = 0; pod < k; pod++) {
            for (int i = 0; i < half; i++) {
                b.addSwitch(aggBase + (long) pod * half + i, k);
                b.addSwitch(edgeBase + (long) pod * half + i, k);
            }
        }
        for (int pod = 0; pod < k; pod++) {
            for (int e = 0; e < half; e++) {
                for (int a = 0; a < half; a++) {
                    b.cable(
                            edgeBase + (long) pod * half + e, a + 1,
                            aggBase + (long) pod * half + a, e + 1);
                }
            }
            for (int a = 0; a < half; a++) {
                for (int c = 0; c < half; c++) {
                    b.cable(
                            aggBase + (long) pod * half + a, half + c + 1,
                            coreBase + (long) a * half + c, pod + 1);
                }
            }
        }
        return b;
    }

    /** Every leaf cabled to every spine: leaf l's port s+1 to spine s's port l+1. */
    public static FabricBuilder leafSpine(int spines, int leaves) {
        FabricBuilder b = new FabricBuilder();
        for (int s = 0; s < spines; s++) {
            b.addSwitch(CORE_BASE + s, leaves);
        }
        for (int l = 0; l < leaves; l++) {
            b.addSwitch(AGG_BASE + l, spines + 2);
        }
        for (int l = 0; l < leaves; l++) {
            for (int s = 0; s < spines; s++) {
                b.cable(AGG_BASE + l, s + 1, CORE_BASE + s, l + 1);
            }
        }
        return b;
    }

    public FabricBuilder addSwitch(long dpid, int ports) {
        switches.put(Dpid.of(dpid), EmulatedSwitch.builder(dpid).ports(ports));
        return this;
    }

    public FabricBuilder cable(long a, int portA, long b, int portB) {
        checkArgument(switches.containsKey(Dpid.of(a)), "no switch %s", a);
        checkArgument(switches.containsKey(Dpid.of(b)), "no switch %s", b);
        cables.add(new EmulatedFabric.Cable(ConnectPoint.of(a, portA), ConnectPoint.of(b, portB)));
        return this;
    }

    /** Whether switches keep every message they receive (off by default: fabrics are large). */
    /** Every switch reports {@code n} tables (see {@link EmulatedSwitchBuilder#tables}). */
    public FabricBuilder tables(int n) {
        switches.values().forEach(b -> b.tables(n));
        return this;
    }

    public FabricBuilder record(boolean on) {
        record = on;
        return this;
    }

    public EmulatedFabric build() {
        Map<Dpid, EmulatedSwitch> built = new LinkedHashMap<>();
        switches.forEach((d, b) -> built.put(d, b.record(record).build()));
        return new EmulatedFabric(built, cables);
    }
}
