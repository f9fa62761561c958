/**
 * The topology as an immutable snapshot of switches and directed links, link attributes and
 * weights, paths, and the path service that answers route queries over the current snapshot.
 */
package org.weft.net.topology;
