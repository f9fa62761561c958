package org.weft.intent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.weft.net.Link;
import org.weft.net.link.LinkAdminService;

/** Admin weights and capacity overrides as the link service would hold them. */
final class FakeLinkAdmin implements LinkAdminService {

    final Map<Link, Double> weights = new ConcurrentHashMap<>();
    final Map<Link, Long> capacities = new ConcurrentHashMap<>();

    @Override
    public void setAdminWeight(Link link, double weight) {
        weights.put(link, weight);
    }

    @Override
    public void clearAdminWeight(Link link) {
        weights.remove(link);
    }

    @Override
    public void setCapacityOverride(Link link, long capacityMbps) {
        capacities.put(link, capacityMbps);
    }

    @Override
    public void clearCapacityOverride(Link link) {
        capacities.remove(link);
    }
}
