package com.contactproperties.platform;

import com.contactproperties.platform.error.DomainException;

/** A boolean query or form parameter such as {@code dry_run}: absent is false, anything but true or false is a 400. */
public final class BooleanParam {

    private BooleanParam() {}

    public static boolean parse(String name, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new DomainException.BadRequest(name, "must be true or false");
    }
}
