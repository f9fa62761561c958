/**
 * The statistics collector: polls port statistics, turns counters into rates and link loads, and
 * damps the load routing sees.
 */
package org.weft.net.stats.impl;
