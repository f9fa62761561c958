/** Meters (OpenFlow 1.3 token buckets in the switch) as core sees them. */
package org.weft.net.meter;
