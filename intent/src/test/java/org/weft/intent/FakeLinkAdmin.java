package org.weft.intent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.weft.net.Link;
import org.weft.net.link.LinkAdminService;

/** Admin weights as the link service would hold them. */
final class FakeLinkAdmin implements LinkAdminService {

    final Map<Link, Double> weights = new ConcurrentHashMap<>();

    @Override
    public void setAdminWeight(Link link, double weight) {
        weights.put(link, weight);
    }

    @Override
    public void clearAdminWeight(Link link) {
        weights.remove(link);
    }
}
