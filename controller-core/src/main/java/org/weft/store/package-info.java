/**
 * Store interfaces for state that must outlive a restart or, later, be shared between controller
 * instances (operator intent). Implementations live in {@code impl}.
 */
package org.weft.store;
