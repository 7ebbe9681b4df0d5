package com.contactproperties.platform;

import com.contactproperties.platform.error.DomainException;

/**
 * The one reader of boolean parameters (query and form parameters such as {@code dry_run}, filter
 * operands such as {@code [exists]}): {@code true} or {@code false} in any case; anything else is a 400
 * naming the parameter. Property values are not parameters: the type system reads those.
 */
public final class BooleanParam {

    private BooleanParam() {}

    /** The parameter's value; absent is false. */
    public static boolean parse(String name, String value) {
        return Boolean.TRUE.equals(optional(name, value));
    }

    /** The parameter's value; absent is null. */
    public static Boolean optional(String name, String value) {
        if (value == null) {
            return null;
        }
        if (value.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new DomainException.BadRequest(name, "must be true or false");
    }
}
