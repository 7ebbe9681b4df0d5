package com.contactproperties.property;

import java.util.Locale;

/** What a definition describes: contacts, or the property records of seed 003. */
public enum EntityType {
    CONTACT,
    PROPERTY;

    /** The name used on the wire and in the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
