package org.weft.rest.dto;

/** Every error answer: a short reason and the detail a person needs to fix the request. */
public record ErrorDto(String error, String detail) {}
