package com.contactproperties.task;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a task is in its life: pending, then processing, then one of the three ends. */
public enum TaskStatus {
    PENDING,
    PROCESSING,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** The name on the wire and in the database. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a task in this status can no longer change. */
    public boolean ended() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    static TaskStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
