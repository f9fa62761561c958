/**
 * A test tool: emulated OpenFlow 1.0/1.3 switches over real TCP, with fake flow tables, and fabrics
 * of them joined by cables. The emulator reads flow-mods and group-mods, and writes stats replies,
 * with code of its own (Wire*), never openflow-driver's translation, so that a mistake in the
 * driver's encoding shows in the emulated tables instead of being undone by its own inverse. Test
 * scope only (bench excepted): it never ships in weft.jar.
 */
package org.weft.openflow.emulator;
