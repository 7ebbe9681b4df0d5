package com.contactproperties.webhook;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a delivery stands: waiting for its (next) attempt, delivered, or given up. */
public enum DeliveryStatus {
    PENDING,
    SUCCEEDED,
    FAILED;

    /** The name on the wire and in the database. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeliveryStatus fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
