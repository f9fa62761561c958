/** A Loxi-based fake switch over real TCP, with a fake flow table, for tests and benchmarks. */
package org.weft.openflow.emulator;
