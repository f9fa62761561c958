/**
 * Static flows (operator intent recorded in the intent store and converged onto switches by the
 * reconciler) and {@link org.weft.rest.flows.SwitchCalls}, the bounded wait for switches every
 * route uses.
 */
package org.weft.rest.flows;
