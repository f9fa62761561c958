/** Prometheus metrics of the controller, exposed at {@code /metrics}. */
package org.weft.rest.metrics;
