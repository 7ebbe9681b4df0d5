package com.contactproperties.task;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kinds of background work; each has one {@link TaskHandler}. */
public enum TaskType {
    BULK_UPDATE,
    IMPORT,
    PROPERTY_PURGE,
    PROPERTY_RETYPE;

    /** The name on the wire and in the database. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TaskType fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
