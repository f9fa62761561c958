/**
 * LLDP link discovery (signed probes) and the link store behind {@link
 * org.weft.net.link.LinkService}.
 */
package org.weft.net.link.impl;
