/** Switches and their ports. */
package org.weft.net.device;
