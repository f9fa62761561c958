package org.weft.rest.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.function.Supplier;
import org.weft.net.cluster.ClusterView;

/**
 * {@code /cluster}: the instances of the cluster (id, address, alive, switches mastered), the
 * leader and the ZooKeeper connection state; one node for a single instance. Read from memory,
 * never waits for ZooKeeper.
 */
public final class ClusterRoutes {

    private final Supplier<ClusterView> view;

    public ClusterRoutes(Supplier<ClusterView> view) {
        this.view = view;
    }

    public void register(RoutesConfig r, String base) {
        r.get(base + "/cluster", this::cluster);
    }

    private void cluster(Context ctx) {
        ctx.json(view.get());
    }
}
