package com.contactproperties.property;

import com.contactproperties.platform.error.NulCharacters;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one component that parses, validates and normalises property values; every write path
 * (single value, bulk update, CSV import, customer upsert, MCP) calls it. Pure code: no I/O.
 * {@code null}, a JSON null and {@code ""} mean "clear the value" and give an empty result.
 */
public final class TypeSystem {

    /** Longest text value, in characters. */
    public static final int MAX_TEXT = 10_000;
    /** Most items in a list value. */
    public static final int MAX_ITEMS = 1_000;

    private static final Set<String> TRUE = Set.of("true", "1", "yes", "y");
    private static final Set<String> FALSE = Set.of("false", "0", "no", "n");
    private static final BigDecimal MAX_NUMBER = new BigDecimal("1e38");
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private TypeSystem() {}

    /** The stored form of {@code input} for the property, empty to clear, or a {@link ValueException}. */
    public static Optional<JsonNode> normalise(PropertyDefinition property, JsonNode input, ValueContext context) {
        if (isClear(input)) {
            return Optional.empty();
        }
        Value value = new Value(property, input);
        String unstorable = unstorable(input);
        if (unstorable != null) {
            throw value.error(unstorable);
        }
        JsonNode stored = switch (property.type()) {
            case TEXT -> text(value);
            case NUMBER -> number(value);
            case DATE -> TextNode.valueOf(DateValues.normalise(value.scalar("a date"), context.zone(), value));
            case EMAIL -> TextNode.valueOf(ContactPoints.email(value.scalar("an email address"), value));
            case PHONE ->
                TextNode.valueOf(ContactPoints.phone(value.scalar("a phone number"), context.defaultRegion(), value));
            case URL -> TextNode.valueOf(ContactPoints.url(value.scalar("an absolute http or https URL"), value));
            case BOOLEAN -> bool(value);
            case LIST -> list(value);
            case SINGLE_CHOICE ->
                TextNode.valueOf(
                        choice(value, value.scalar("one of the choices").strip()));
            case MULTIPLE_CHOICE -> choices(value);
        };
        return stored.isArray() && stored.isEmpty() ? Optional.empty() : Optional.of(stored);
    }

    /** Whether the input clears the value: absent, JSON null or the empty string. */
    public static boolean isClear(JsonNode input) {
        return input == null
                || input.isNull()
                || input.isMissingNode()
                || input.isTextual() && input.textValue().isEmpty();
    }

    /**
     * Why the input's text cannot be stored (U+0000, or half a surrogate pair), or null: a file, a
     * filter or an MCP argument can carry one past the JSON reader.
     */
    private static String unstorable(JsonNode input) {
        if (input.isArray()) {
            for (JsonNode item : input) {
                String fault = item.isTextual() ? NulCharacters.fault(item.textValue()) : null;
                if (fault != null) {
                    return fault;
                }
            }
        }
        return input.isTextual() ? NulCharacters.fault(input.textValue()) : null;
    }

    private static JsonNode text(Value value) {
        String text = value.scalar("text");
        if (text.codePointCount(0, text.length()) > MAX_TEXT) {
            throw value.error("is longer than " + MAX_TEXT + " characters");
        }
        return TextNode.valueOf(text);
    }

    private static JsonNode number(Value value) {
        JsonNode input = value.input();
        BigDecimal number;
        try {
            number = input.isNumber()
                    ? input.decimalValue()
                    : new BigDecimal(value.scalar("a number").strip());
        } catch (NumberFormatException e) {
            throw value.error("is not a number");
        }
        if (input.isBoolean() || number.abs().compareTo(MAX_NUMBER) >= 0) {
            throw value.error(input.isBoolean() ? "is not a number" : "is too large: numbers must be below 1e38");
        }
        BigDecimal plain = number.stripTrailingZeros();
        if (plain.scale() < 0) {
            plain = plain.setScale(0);
        }
        if (plain.scale() > 0 && value.property().wholeNumber()) {
            throw value.error("is not a whole number, and this property holds whole numbers only (created as integer)");
        }
        return plain.scale() == 0 && plain.unscaledValue().bitLength() < 63
                ? NODES.numberNode(plain.longValueExact())
                : DecimalNode.valueOf(plain);
    }

    private static JsonNode bool(Value value) {
        if (value.input().isBoolean()) {
            return value.input();
        }
        String text = value.scalar("a boolean").strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(text) || FALSE.contains(text)) {
            return BooleanNode.valueOf(TRUE.contains(text));
        }
        throw value.error("is not a boolean: use true/false, 1/0, yes/no or y/n");
    }

    private static JsonNode list(Value value) {
        ArrayNode list = NODES.arrayNode();
        for (String item : value.items()) {
            if (item.codePointCount(0, item.length()) > MAX_TEXT) {
                throw value.errorFor(item, "is longer than " + MAX_TEXT + " characters");
            }
            list.add(item);
        }
        return list;
    }

    private static JsonNode choices(Value value) {
        List<String> chosen = new ArrayList<>();
        for (String item : value.items()) {
            String choice = choice(value, item);
            if (!chosen.contains(choice)) {
                chosen.add(choice);
            }
        }
        ArrayNode array = NODES.arrayNode();
        chosen.forEach(array::add);
        return array;
    }

    private static String choice(Value value, String given) {
        return value.property().choices().stream()
                .filter(choice -> choice.equalsIgnoreCase(given))
                .findFirst()
                .orElseThrow(() -> value.errorFor(
                        given,
                        "is not one of the choices: "
                                + String.join(", ", value.property().choices())));
    }
}
