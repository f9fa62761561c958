/**
 * A small, allocation-light parser and builder for the frames the controller itself looks at:
 * Ethernet (with one 802.1Q tag), ARP, IPv4, IPv6 with ICMPv6 neighbour discovery, and LLDP.
 * Parsers never throw on malformed input: they answer {@link java.util.Optional#empty()}.
 */
package org.weft.net.packet.parse;
