package com.contactproperties.platform.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * JSON for code that is not a bean: stored data, and values already parsed from a request (an MCP
 * argument made a tree, a filter's JSON). It has the service's one configuration ({@link #configure}, which
 * {@link JsonConfig} gives Quarkus's mapper too): numbers read exactly (never as doubles), whatever their
 * size. It leaves out what only request bodies need (the NUL refusal of {@code NulCharacters}): a value that
 * reaches it has a field name of its own, under which the type system refuses a NUL more precisely.
 * Beans inject Quarkus's mapper.
 */
public final class Json {

    /** The mapper of stored and already-parsed JSON. */
    public static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private Json() {}

    /** The one configuration of every mapper of this service: numbers read exactly, as BigDecimal. */
    static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    }

    /** Parses stored JSON. */
    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable", e);
        }
    }

    /** Reads stored JSON as a type. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable", e);
        }
    }

    /** Writes a value as JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A value could not be written as JSON", e);
        }
    }

    /**
     * Copies stored JSON text into {@code out} token by token, renaming the keys of the outer object
     * with {@code keys}. Numbers keep their text exactly.
     */
    public static void copy(String json, JsonGenerator out, UnaryOperator<String> keys) throws IOException {
        try (JsonParser in = MAPPER.createParser(json)) {
            int depth = 0;
            for (JsonToken token = in.nextToken(); token != null; token = in.nextToken()) {
                switch (token) {
                    case FIELD_NAME -> out.writeFieldName(depth == 1 ? keys.apply(in.currentName()) : in.currentName());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.writeNumber(in.getText());
                    default -> out.copyCurrentEvent(in);
                }
                depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
            }
        }
    }
}
