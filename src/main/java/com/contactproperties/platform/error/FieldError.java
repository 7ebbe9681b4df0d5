package com.contactproperties.platform.error;

/** One reason a request was refused, naming the offending field (a JSON path or parameter name). */
public record FieldError(String field, String message) {}
