/**
 * Graph algorithms over a {@link org.weft.net.topology.TopologySnapshot} weighted by a {@link
 * org.weft.net.topology.LinkWeigher}: Dijkstra, Yen's k shortest paths, equal-cost path sets and
 * next hops, and Suurballe's disjoint path pairs. All are deterministic: ties are broken by {@link
 * org.weft.net.Dpid} and {@link org.weft.net.Link} order, never by hash order.
 */
package org.weft.net.topology.graph;
