package com.contactproperties.api.mcp;

import com.contactproperties.platform.json.Json;

/** The wire spelling of the tools' enum arguments: the name each constant's {@code @JsonProperty} gives it. */
final class WireNames {

    private WireNames() {}

    /** The value as a client sends it ({@code single_choice}, {@code createdAt}), or null. */
    static String of(Enum<?> value) {
        return value == null ? null : Json.MAPPER.convertValue(value, String.class);
    }
}
