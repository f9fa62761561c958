/**
 * A cbench-style load generator for OpenFlow controllers, built on the driver's switch emulator:
 * packet-in throughput and latency against any controller on a TCP port, a packet-in flood that
 * overloads it from the first moment (flood mode), barrier-confirmed flow installation and
 * connection scale against Weft's driver in-process.
 */
package org.weft.bench;
