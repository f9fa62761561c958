/**
 * The seam between the routing app and the failover app, both of which see only this package (and
 * the rest of controller-core). Routing implements {@link org.weft.net.routing.plan.RoutePlanner}:
 * the re-planning the failover app asks for when the topology changes (restoration, re-optimisation
 * after a hold-down, the flood tree). The failover app implements {@link
 * org.weft.net.routing.plan.BackupChooser}: the backup next hop of a fast-failover group that
 * routing's destination planner asks for, given a narrow {@link org.weft.net.routing.plan.PlanView}
 * of the fabric. docs/architecture.md says why the line runs here.
 */
package org.weft.net.routing.plan;
