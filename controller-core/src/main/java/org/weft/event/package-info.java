/** Typed events and listener delivery on an executor of their own. */
package org.weft.event;
