/** Small helpers every module may use (no network or protocol types). */
package org.weft.util;
