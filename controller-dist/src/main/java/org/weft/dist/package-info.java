/** The runnable controller: command line, configuration file, wiring. */
package org.weft.dist;
