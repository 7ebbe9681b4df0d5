package com.contactproperties.property;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One input on its way through the {@link TypeSystem}: its shape checks and its error messages. */
record Value(PropertyDefinition property, JsonNode input) {

    private static final int SHOWN = 80;

    /** The input as one string: text as it is, numbers and booleans as their text. */
    String scalar(String expected) {
        if (input.isTextual()) {
            return input.textValue();
        }
        if (input.isNumber() || input.isBoolean()) {
            return input.asText();
        }
        throw error("must be " + expected + ", not " + (input.isArray() ? "an array" : "an object"));
    }

    /** The items of a list input: an array of scalars or one comma-separated string, trimmed, blanks dropped. */
    List<String> items() {
        List<String> items = new ArrayList<>();
        if (input.isArray()) {
            for (JsonNode item : input) {
                if (item.isContainerNode()) {
                    throw error("must not contain nested arrays or objects");
                }
                if (!item.isNull()) {
                    items.add(item.asText().strip());
                }
            }
        } else {
            items.addAll(
                    Arrays.asList(scalar("an array or a comma-separated string").split(",")));
        }
        List<String> kept = items.stream()
                .map(String::strip)
                .filter(item -> !item.isEmpty())
                .toList();
        if (kept.size() > TypeSystem.MAX_ITEMS) {
            throw error("has more than " + TypeSystem.MAX_ITEMS + " items");
        }
        return kept;
    }

    /** A refusal of the whole input. */
    ValueException error(String reason) {
        return new ValueException(describe(input.isTextual() ? input.textValue() : input.toString()) + reason);
    }

    /** A refusal of one item of the input. */
    ValueException errorFor(String item, String reason) {
        return new ValueException(describe(item) + reason);
    }

    private String describe(String shown) {
        String cut = shown.length() > SHOWN ? shown.substring(0, SHOWN) + "…" : shown;
        return "Value '" + cut + "' of property '" + property.title() + "' ";
    }
}
