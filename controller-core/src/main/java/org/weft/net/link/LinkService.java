package org.weft.net.link;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.topology.LinkInfo;

/** The directed links discovered now, with what is known about each. Lock-free reads. */
public interface LinkService {

    /** Every link with its attributes (a copy). */
    Map<Link, LinkInfo> getLinks();

    /** The links leaving the switch, with their attributes (a copy). */
    default Map<Link, LinkInfo> getLinksFrom(Dpid dpid) {
        Map<Link, LinkInfo> out = new HashMap<>();
        getLinks()
                .forEach(
                        (l, info) -> {
                            if (l.srcDpid().equals(dpid)) {
                                out.put(l, info);
                            }
                        });
        return out;
    }

    Optional<LinkInfo> getLinkInfo(Link link);

    default int getLinkCount() {
        return getLinks().size();
    }

    /** Links leaving or entering the port. */
    Set<Link> getLinks(ConnectPoint point);

    /**
     * Whether a link leaves or enters the port: such a port joins switches, hosts are never learned
     * on it.
     */
    boolean isInfrastructure(ConnectPoint point);

    void addListener(LinkListener listener);

    void removeListener(LinkListener listener);
}
