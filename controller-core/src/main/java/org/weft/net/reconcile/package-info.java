/**
 * Reconciliation: one reconciler converges every switch to what the apps intend, each app owning a
 * cookie space (see {@link org.weft.net.flow.Cookies}).
 */
package org.weft.net.reconcile;
