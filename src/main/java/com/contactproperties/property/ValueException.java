package com.contactproperties.property;

/**
 * A value the type system refuses. The message names the property, the offending value and what
 * would be accepted, so that it can be shown to the user as it is.
 */
public class ValueException extends RuntimeException {

    public ValueException(String message) {
        super(message, null, false, false);
    }
}
