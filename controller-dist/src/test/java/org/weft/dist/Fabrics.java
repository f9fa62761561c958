package org.weft.dist;

import java.util.ArrayList;
import java.util.List;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.FabricBuilder;

/** Fabric shapes for tests that {@link FabricBuilder}'s ready-made ones lack. */
final class Fabrics {

    private Fabrics() {}

    /** A 30-switch irregular backbone: a ring with chords, hosts on every fifth switch. */
    static FabricBuilder backbone() {
        int n = 30;
        List<int[]> cables = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            cables.add(new int[] {i, i % n + 1});
        }
        int[][] chords = {{1, 9}, {4, 17}, {6, 24}, {11, 20}, {13, 28}, {15, 3}, {22, 30}, {26, 8}};
        for (int[] c : chords) {
            cables.add(c);
        }
        int[] used = new int[n + 1];
        for (int[] c : cables) {
            used[c[0]]++;
            used[c[1]]++;
        }
        FabricBuilder b = EmulatedFabric.builder();
        for (int i = 1; i <= n; i++) {
            b.addSwitch(i, used[i] + (i % 5 == 0 ? 1 : 0));
        }
        int[] next = new int[n + 1];
        for (int[] c : cables) {
            b.cable(c[0], ++next[c[0]], c[1], ++next[c[1]]);
        }
        return b;
    }
}
