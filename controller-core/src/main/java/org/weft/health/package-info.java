/** The controller's own health, as probes and operators see it. */
package org.weft.health;
