/**
 * The steering service: per rule, high-priority IPv4 flows along an explicit or link-avoiding path,
 * kept in a {@link org.weft.net.intent.SteeringRuleStore} and re-planned on the app's own bounded
 * thread ({@link org.weft.routing.steering.SteeringExecutor}) when topology, hosts or switches
 * change.
 */
package org.weft.routing.steering;
