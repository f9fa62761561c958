package org.weft.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.data.Stat;
import org.weft.net.Dpid;
import org.weft.net.cluster.ClusterNode;
import org.weft.net.cluster.ClusterView;

/** What this instance's cache of {@code /weft} says about members, switches seen and masters. */
final class ClusterTree {

    private final CuratorCache cache;

    ClusterTree(CuratorCache cache) {
        this.cache = cache;
    }

    /** The cached children of {@code parent}, with their data and stat. */
    List<ChildData> children(String parent) {
        List<ChildData> out = new ArrayList<>();
        cache.stream()
                .filter(d -> ZKPaths.getPathAndNode(d.getPath()).getPath().equals(parent))
                .forEach(out::add);
        return out;
    }

    /** The cached stat of {@code path}, if the cache holds it. */
    Optional<Stat> stat(String path) {
        return cache.get(path).map(ChildData::getStat);
    }

    static String name(ChildData d) {
        return ZKPaths.getNodeFromPath(d.getPath());
    }

    static String text(ChildData d) {
        return d.getData() == null ? "" : new String(d.getData(), StandardCharsets.UTF_8);
    }

    /** Each switch's master. */
    Map<Dpid, String> masters() {
        Map<Dpid, String> masters = new HashMap<>();
        children(ZkPaths.MASTERS).forEach(d -> masters.put(ZkPaths.dpidOf(name(d)), text(d)));
        return masters;
    }

    /** The members (mastership candidates). */
    Set<String> members() {
        Set<String> live = new TreeSet<>();
        children(ZkPaths.NODES).forEach(d -> live.add(name(d)));
        return live;
    }

    /** The members that offered each switch. */
    Map<Dpid, Set<String>> seenBy() {
        Map<Dpid, Set<String>> seenBy = new HashMap<>();
        cache.stream()
                .forEach(
                        d -> {
                            String parent = ZKPaths.getPathAndNode(d.getPath()).getPath();
                            if (ZKPaths.getPathAndNode(parent).getPath().equals(ZkPaths.SEES)) {
                                seenBy.computeIfAbsent(
                                                ZkPaths.dpidOf(ZKPaths.getNodeFromPath(parent)),
                                                k -> new TreeSet<>())
                                        .add(name(d));
                            }
                        });
        return seenBy;
    }

    /** The cluster as this cache shows it. */
    ClusterView view(String me, String leader, String connection) {
        Map<String, String> addresses = new TreeMap<>();
        children(ZkPaths.NODES).forEach(d -> addresses.put(name(d), text(d)));
        Map<String, Integer> mastered = new TreeMap<>();
        Map<Dpid, String> masters = masters();
        masters.values().forEach(m -> mastered.merge(m, 1, Integer::sum));
        TreeMap<String, String> byDpid = new TreeMap<>();
        masters.forEach((dpid, node) -> byDpid.put(dpid.toString(), node));
        Set<String> ids = new TreeSet<>(addresses.keySet());
        ids.addAll(mastered.keySet());
        List<ClusterNode> nodes = new ArrayList<>();
        for (String id : ids) {
            nodes.add(
                    new ClusterNode(
                            id,
                            addresses.getOrDefault(id, ""),
                            addresses.containsKey(id),
                            mastered.getOrDefault(id, 0)));
        }
        return new ClusterView(me, true, nodes, leader, connection, byDpid);
    }
}
