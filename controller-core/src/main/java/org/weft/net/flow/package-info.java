/** Flow rules, groups and the services that install them. */
package org.weft.net.flow;
