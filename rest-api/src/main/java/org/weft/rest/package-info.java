/**
 * Weft's REST API: a Javalin (Jetty 12) server over the core service interfaces, with bearer-token
 * authentication, JSON errors, OpenAPI description, Prometheus metrics and an event stream.
 */
package org.weft.rest;
