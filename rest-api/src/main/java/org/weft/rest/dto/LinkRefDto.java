package org.weft.rest.dto;

/** A directed link by its two ends. */
public record LinkRefDto(LinkEndDto src, LinkEndDto dst) {}
