package com.contactproperties.property;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The tenant settings a value is read with: the time zone of date-times written without an
 * offset, and the region of phone numbers written without a country code (null: none).
 */
public record ValueContext(ZoneId zone, String defaultRegion) {

    /** UTC and no default region, until a tenant says otherwise. */
    public static final ValueContext DEFAULT = new ValueContext(ZoneOffset.UTC, null);
}
