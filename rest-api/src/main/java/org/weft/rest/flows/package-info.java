/** Static flows: operator-pushed flow rules kept durably and re-installed on reconnect. */
package org.weft.rest.flows;
