/** App-facing routing service: the fabric's metric and its installed routes. */
package org.weft.net.routing;
