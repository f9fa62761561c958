/**
 * The steering service: per rule, high-priority IPv4 flows along an explicit or link-avoiding path,
 * kept in the intent store and re-planned when topology, hosts or switches change.
 */
package org.weft.routing.steering;
