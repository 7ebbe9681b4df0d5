package com.contactproperties.property;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The ten value types a property can have, named on the wire in lower snake case. */
public enum PropertyType {
    TEXT,
    NUMBER,
    DATE,
    EMAIL,
    PHONE,
    URL,
    BOOLEAN,
    LIST,
    SINGLE_CHOICE,
    MULTIPLE_CHOICE;

    /** Every wire name, for error messages and schemas. */
    public static final String NAMES =
            Arrays.stream(values()).map(PropertyType::wire).collect(Collectors.joining(", "));

    /** The name used in requests and responses, such as {@code single_choice}. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the type takes its values from a list of {@code choices}. */
    public boolean hasChoices() {
        return this == SINGLE_CHOICE || this == MULTIPLE_CHOICE;
    }

    /** The type of a wire name, case-insensitively. */
    public static Optional<PropertyType> fromWire(String name) {
        return Arrays.stream(values())
                .filter(t -> t.wire().equalsIgnoreCase(name == null ? "" : name.strip()))
                .findFirst();
    }
}
