/**
 * The policy stage: the ACL firewall and rate limits, compiled into every switch's policy table
 * (cookie app {@link org.weft.net.flow.Cookies#POLICY_APP}) and kept there by the reconciler.
 */
package org.weft.policy;
