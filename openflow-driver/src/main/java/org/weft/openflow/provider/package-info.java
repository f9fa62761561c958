/** Core services (devices, packets, flow rules, groups) implemented over switch connections. */
package org.weft.openflow.provider;
