/**
 * Switch connections: Netty server, codec, handshake state machine, keepalive, xid and barrier
 * tracking.
 */
package org.weft.openflow.channel;
