/**
 * The server-sent event stream: any number of {@link org.weft.rest.events.EventSource}s (devices
 * today; links, hosts and failovers later) fanned out to every connected client.
 */
package org.weft.rest.events;
