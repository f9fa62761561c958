/** What switches report about their tables and ports. */
package org.weft.net.stats;
