package org.weft.net.stats;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.weft.net.ConnectPoint;
import org.weft.net.Dpid;
import org.weft.net.Link;
import org.weft.net.PortNumber;

/**
 * Measured rates of ports and load of links, from port statistics polled periodically. A port has a
 * rate once two consistent samples exist (not after a counter reset until the next sample).
 */
public interface LoadService {

    Optional<PortRate> portRate(ConnectPoint port);

    /** Rates of the switch's ports that have one. */
    Map<PortNumber, PortRate> portRates(Dpid dpid);

    /** The link's latest load; empty until its source port has a rate. */
    Optional<LinkLoad> linkLoad(Link link);

    /** Latest load of every link that has one. */
    Map<Link, LinkLoad> linkLoads();

    /** The link's recent loads, oldest first (bounded: a few minutes at most). */
    List<LinkLoad> history(Link link);

    /** Links whose utilisation is at or above the hot threshold now (with hysteresis). */
    Set<Link> hotLinks();

    void addListener(LoadListener listener);

    void removeListener(LoadListener listener);
}
