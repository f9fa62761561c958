/** The routing app: destination-based forwarding, multipath, flooding on the spanning tree. */
package org.weft.routing;
