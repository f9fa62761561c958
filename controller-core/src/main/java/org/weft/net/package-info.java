/** Small immutable values that name things in a network: switches, ports, addresses. */
package org.weft.net;
