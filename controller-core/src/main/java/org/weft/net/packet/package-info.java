/** Packet-in processing and packet-out. */
package org.weft.net.packet;
