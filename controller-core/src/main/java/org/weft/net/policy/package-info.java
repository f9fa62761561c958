/**
 * The policy stage's operator intent: ACL rules (allow/deny, first match wins, default allow) and
 * rate limits (meters on a host's ingress switch), with the services REST drives.
 */
package org.weft.net.policy;
