/**
 * Black-box end-to-end tests: the packaged Weft jar against real Open vSwitch switches and hosts
 * emulated by Mininet, driven through {@code src/test/python/weft_mininet.py}.
 */
package org.weft.mininet;
