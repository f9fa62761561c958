/** Operator link weights, kept in the intent store and applied to core's link admin service. */
package org.weft.rest.links;
