package org.weft.net.topology.graph;

import org.weft.net.topology.TopologyFixtures;
import org.weft.net.topology.TopologySnapshot;

/** Small weighted graphs whose answers are worked out by hand in the tests that use them. */
final class GraphFixtures {

    private GraphFixtures() {}

    /**
     * Admin weights: 1-2 (1), 1-3 (2), 2-4 (4), 3-4 (1), 2-3 (1). From 1 to 4: 1-3-4 and 1-2-3-4
     * cost 3, 1-2-4 costs 5, 1-3-2-4 costs 7.
     */
    static TopologySnapshot diamond() {
        return TopologyFixtures.builder()
                .cable(1, 2, 1)
                .cable(1, 3, 2)
                .cable(2, 4, 4)
                .cable(3, 4, 1)
                .cable(2, 3, 1)
                .build();
    }

    /**
     * Suurballe's trap: the shortest path 1-2-3-4 (cost 3) leaves no disjoint second path, yet
     * 1-2-4 and 1-3-4 (cost 4 each) are disjoint. Admin weights: 1-2 (1), 2-3 (1), 3-4 (1), 1-3
     * (3), 2-4 (3).
     */
    static TopologySnapshot trap() {
        return TopologyFixtures.builder()
                .cable(1, 2, 1)
                .cable(2, 3, 1)
                .cable(3, 4, 1)
                .cable(1, 3, 3)
                .cable(2, 4, 3)
                .build();
    }

    /**
     * A figure eight: 1 reaches 4 over 2 or 3, and 4 reaches 7 over 5 or 6. Every path crosses 4,
     * so there are link-disjoint pairs but no node-disjoint pair.
     */
    static TopologySnapshot figureEight() {
        return TopologyFixtures.builder()
                .cable(1, 2)
                .cable(1, 3)
                .cable(2, 4)
                .cable(3, 4)
                .cable(4, 5)
                .cable(4, 6)
                .cable(5, 7)
                .cable(6, 7)
                .build();
    }

    /** Two switches 1 and 2 and two separate cables between them (ports 1 and 2). */
    static TopologySnapshot parallel() {
        return TopologyFixtures.builder().cable(1, 2).cable(1, 2).build();
    }
}
