package com.contactproperties.platform.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem details body, the only shape an error ever has on any surface. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    /**
     * The media type of every error response. Operations that answer 204 also produce it: their
     * errors are the only bodies they document, so generated clients send it as their Accept.
     */
    public static final String MEDIA_TYPE = "application/problem+json";
}
