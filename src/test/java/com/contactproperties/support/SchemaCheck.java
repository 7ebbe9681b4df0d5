package com.contactproperties.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a value against an OpenAPI 3.1 schema of one document, for the parts generators rely on:
 * {@code $ref}, {@code type} (a name or a list, {@code "null"} included), {@code nullable},
 * {@code enum}, {@code properties}, {@code required}, {@code additionalProperties}, {@code items},
 * {@code allOf}, {@code anyOf} and {@code oneOf}. A schema without a type accepts any value.
 */
public final class SchemaCheck {

    private static final String REF_PREFIX = "#/components/schemas/";

    private final JsonNode schemas;

    public SchemaCheck(JsonNode document) {
        this.schemas = document.path("components").path("schemas");
    }

    /** What is wrong with {@code value} against {@code schema}, each line naming where; empty if nothing. */
    public List<String> errors(JsonNode schema, JsonNode value, String where) {
        List<String> errors = new ArrayList<>();
        check(schema, value, where, errors);
        return errors;
    }

    private void check(JsonNode schema, JsonNode value, String where, List<String> errors) {
        if (schema.has("$ref")) {
            check(schemas.path(schema.get("$ref").asText().substring(REF_PREFIX.length())), value, where, errors);
        }
        schema.path("allOf").forEach(part -> check(part, value, where, errors));
        checkAlternatives(schema, value, where, errors);
        if (value.isNull()) {
            if (schema.has("type")
                    && !types(schema).contains("null")
                    && !schema.path("nullable").asBoolean()) {
                errors.add(where + ": null, but the schema is not nullable");
            }
            return;
        }
        if (schema.has("type") && types(schema).stream().noneMatch(type -> is(type, value))) {
            errors.add(where + ": " + value.getNodeType() + " is not of type " + types(schema));
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            errors.add(where + ": " + value + " is not one of " + schema.get("enum"));
        }
        checkObject(schema, value, where, errors);
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), where + "[" + i + "]", errors);
            }
        }
    }

    private void checkAlternatives(JsonNode schema, JsonNode value, String where, List<String> errors) {
        for (String keyword : List.of("anyOf", "oneOf")) {
            if (schema.has(keyword)) {
                boolean any = false;
                for (JsonNode part : schema.get(keyword)) {
                    any |= errors(part, value, where).isEmpty();
                }
                if (!any) {
                    errors.add(where + ": matches none of " + keyword);
                }
            }
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String where, List<String> errors) {
        if (!value.isObject()) {
            return;
        }
        schema.path("required").forEach(name -> {
            if (!value.has(name.asText())) {
                errors.add(where + ": required " + name.asText() + " is missing");
            }
        });
        value.fields().forEachRemaining(field -> {
            JsonNode property = schema.path("properties").get(field.getKey());
            JsonNode extra = schema.get("additionalProperties");
            if (property != null) {
                check(property, field.getValue(), where + "." + field.getKey(), errors);
            } else if (extra != null && extra.isObject()) {
                check(extra, field.getValue(), where + "." + field.getKey(), errors);
            } else if (extra != null && extra.isBoolean() && !extra.asBoolean()) {
                errors.add(where + ": " + field.getKey() + " is not a property of the schema");
            }
        });
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        Set<String> names = new java.util.HashSet<>();
        if (type.isArray()) {
            type.forEach(t -> names.add(t.asText()));
        } else {
            names.add(type.asText());
        }
        return names;
    }

    private static boolean is(String type, JsonNode value) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> false;
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
