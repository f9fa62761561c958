/**
 * The routing app: destination-based forwarding, multipath, flooding on the spanning tree, proxy
 * ARP, and the re-planning the failover app asks for through {@code org.weft.net.routing.plan}.
 */
package org.weft.routing;
