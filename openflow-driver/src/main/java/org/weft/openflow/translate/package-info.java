/** Translation between core values and Loxi OpenFlow messages; nothing else translates. */
package org.weft.openflow.translate;
