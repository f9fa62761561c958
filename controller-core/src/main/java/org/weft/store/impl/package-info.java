/** Embedded implementations of the store interfaces: in memory, and one file per document. */
package org.weft.store.impl;
