/** Implementations of the topology services. */
package org.weft.net.topology.impl;
