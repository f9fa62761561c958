/**
 * Traffic steering as apps and REST see it: pin IPv4 traffic onto an explicit path of switches or
 * route it around listed links, above the routing app's destination routes.
 */
package org.weft.net.steering;
