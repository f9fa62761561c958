/**
 * Static flow requests translated to the core {@link org.weft.net.intent.StaticFlowService} ({@link
 * org.weft.rest.flows.StaticFlowRequests}), and {@link org.weft.rest.flows.SwitchCalls}, the
 * bounded wait for switches every route uses.
 */
package org.weft.rest.flows;
