/**
 * Fakes of core services, and a bounded wait ({@link org.weft.net.testing.Await}), for tests of
 * this and other modules (shipped in the test-jar).
 */
package org.weft.net.testing;
