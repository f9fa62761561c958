/** Host learning from ARP, IPv4 and IPv6 neighbour discovery packet-ins. */
package org.weft.net.host.impl;
