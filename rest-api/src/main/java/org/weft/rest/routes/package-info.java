/** The API's routes, one class per resource family, registered on the Javalin configuration. */
package org.weft.rest.routes;
