package org.weft.rest.dto;

/**
 * One end of a link: a switch and a port number.
 *
 * @param dpid in any accepted DPID form on input, canonical on output
 */
public record LinkEndDto(String dpid, Long port) {}
