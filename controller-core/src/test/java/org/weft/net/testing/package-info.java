/** Fakes of core services for tests of this and other modules (shipped in the test-jar). */
package org.weft.net.testing;
