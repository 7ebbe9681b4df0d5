package com.contactproperties.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.contactproperties.property.Keys;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Stored JSON copied into an answer: outer keys renamed, everything else as stored. */
class JsonCopyTest {

    @Test
    void renamesOnlyTheOuterKeys() throws IOException {
        assertEquals(
                "{\"lifecycleStage\":\"first_step\",\"nestedList\":[{\"inner_key\":true},null],\"empty\":{},\"list\":[]}",
                copy(
                        "{\"lifecycle_stage\": \"first_step\", \"nested_list\": [{\"inner_key\": true}, null], \"empty\": {}, \"list\": []}",
                        Keys::camel));
    }

    @Test
    void keepsNumbersDigitForDigit() throws IOException {
        assertEquals(
                "{\"a\":12345678901234567890.000000000000000001,\"b\":[0.00000001,-7,1E+3]}",
                copy(
                        "{\"a\": 12345678901234567890.000000000000000001, \"b\": [0.00000001, -7, 1E+3]}",
                        UnaryOperator.identity()));
    }

    @Test
    void keepsEscapedAndNonAsciiText() throws IOException {
        assertEquals(
                "{\"city\":\"Łódź \\\"centrum\\\"\\n\\u0001\"}",
                copy("{\"city\": \"\\u0141\\u00f3d\\u017a \\\"centrum\\\"\\n\\u0001\"}", UnaryOperator.identity()));
    }

    private static String copy(String stored, UnaryOperator<String> keys) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = Json.MAPPER.createGenerator(out)) {
            Json.copy(stored, generator, keys);
        }
        return out.toString();
    }
}
