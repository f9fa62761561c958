/** Directed links between switch ports: the service, its events and the admin interface. */
package org.weft.net.link;
