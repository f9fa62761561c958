package org.weft.net.topology.graph;

import com.google.common.collect.Comparators;
import java.util.Comparator;
import org.weft.net.Link;
import org.weft.net.topology.Path;

/** The order in which algorithms rank paths: cost, then hop count, then links in order. */
final class PathOrder {

    static final Comparator<Path> ORDER =
            Comparator.comparingDouble(Path::cost)
                    .thenComparingInt(Path::hopCount)
                    .thenComparing(
                            Path::links,
                            Comparators.lexicographical(Comparator.<Link>naturalOrder()));

    private PathOrder() {}
}
