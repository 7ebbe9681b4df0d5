package com.contactproperties.property;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Converts a stored value to a property's new type or choices: renamed choices first, then the
 * type system reads the old stored value as input of the new type. A list becomes text joined by
 * ", ", and a one-item list a single choice. A value that does not convert is cleared.
 */
public final class Retype {

    private Retype() {}

    /** The converted stored value, or empty with {@code ValueException} when it must be cleared. */
    public static Optional<JsonNode> convert(JsonNode stored, PropertyDefinition target, Map<String, String> renames) {
        JsonNode renamed = rename(stored, renames);
        if (renamed.isArray() && target.type() == PropertyType.TEXT) {
            renamed = TextNode.valueOf(StreamSupport.stream(renamed.spliterator(), false)
                    .map(JsonNode::asText)
                    .collect(Collectors.joining(", ")));
        } else if (renamed.isArray()
                && renamed.size() == 1
                && !target.type().equals(PropertyType.LIST)
                && target.type() != PropertyType.MULTIPLE_CHOICE) {
            renamed = renamed.get(0);
        }
        return TypeSystem.normalise(target, renamed, ValueContext.DEFAULT);
    }

    private static JsonNode rename(JsonNode value, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return value;
        }
        if (value.isTextual()) {
            return TextNode.valueOf(renamed(value.textValue(), renames));
        }
        if (value.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            value.forEach(
                    item -> array.add(item.isTextual() ? TextNode.valueOf(renamed(item.textValue(), renames)) : item));
            return array;
        }
        return value;
    }

    private static String renamed(String value, Map<String, String> renames) {
        return renames.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(value))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(value);
    }
}
