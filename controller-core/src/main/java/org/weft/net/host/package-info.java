/** End hosts as seen from packet-ins on edge ports: the service, its events, the values. */
package org.weft.net.host;
