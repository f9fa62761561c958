/**
 * The OpenFlow driver: the only place that speaks OpenFlow (Loxi) and Netty. Implements the core's
 * device, packet, flow-rule and group services on top of switch connections.
 */
package org.weft.openflow;
