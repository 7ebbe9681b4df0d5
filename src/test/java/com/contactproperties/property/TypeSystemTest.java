package com.contactproperties.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TypeSystemTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PLANS = List.of("Free", "Pro", "Business");

    static PropertyDefinition definition(PropertyType type) {
        return new PropertyDefinition(
                EntityType.CONTACT,
                "field",
                "Field",
                type,
                type.hasChoices() ? PLANS : List.of(),
                null,
                false,
                false,
                Instant.EPOCH,
                "usr",
                Instant.EPOCH);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static JsonNode normalise(PropertyType type, String input, ValueContext context) {
        return TypeSystem.normalise(definition(type), json(input), context).orElseThrow();
    }

    /** Type, JSON input, JSON of the stored value. */
    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of(PropertyType.TEXT, "\"Krakow\"", "\"Krakow\""),
                Arguments.of(PropertyType.TEXT, "42", "\"42\""),
                Arguments.of(PropertyType.TEXT, "true", "\"true\""),
                Arguments.of(PropertyType.TEXT, "\"" + "x".repeat(10_000) + "\"", "\"" + "x".repeat(10_000) + "\""),
                Arguments.of(PropertyType.NUMBER, "42", "42"),
                Arguments.of(PropertyType.NUMBER, "\" 3.50 \"", "3.5"),
                Arguments.of(PropertyType.NUMBER, "-1e3", "-1000"),
                Arguments.of(PropertyType.NUMBER, "\"0.001\"", "0.001"),
                Arguments.of(PropertyType.DATE, "\"2019-12-31\"", "\"2019-12-31\""),
                Arguments.of(PropertyType.DATE, "\"2019-12-31T00:00:00Z\"", "\"2019-12-31T00:00:00Z\""),
                Arguments.of(PropertyType.DATE, "\"2019-12-31T10:30:00+02:00\"", "\"2019-12-31T08:30:00Z\""),
                Arguments.of(PropertyType.DATE, "\"2019-12-31T23:30:00-05:00\"", "\"2020-01-01T04:30:00Z\""),
                Arguments.of(PropertyType.DATE, "\"12/31/2019\"", "\"2019-12-31\""),
                Arguments.of(PropertyType.DATE, "\"2019/12/31\"", "\"2019-12-31\""),
                Arguments.of(PropertyType.DATE, "\"2019-12-31T10:15\"", "\"2019-12-31T10:15:00Z\""),
                Arguments.of(PropertyType.DATE, "\"2020-02-29\"", "\"2020-02-29\""),
                Arguments.of(PropertyType.EMAIL, "\" Anna.K@Example.COM \"", "\"Anna.K@example.com\""),
                Arguments.of(PropertyType.EMAIL, "\"a+tag@mail.example.co.uk\"", "\"a+tag@mail.example.co.uk\""),
                Arguments.of(PropertyType.EMAIL, "\"o'neil@example.org\"", "\"o'neil@example.org\""),
                Arguments.of(PropertyType.PHONE, "\"+48123456789\"", "\"+48123456789\""),
                Arguments.of(PropertyType.PHONE, "\"+48 123 456 789\"", "\"+48123456789\""),
                Arguments.of(PropertyType.PHONE, "\"+1 (555) 000-0001\"", "\"+15550000001\""),
                Arguments.of(PropertyType.URL, "\"https://example.com/page?a=1\"", "\"https://example.com/page?a=1\""),
                Arguments.of(PropertyType.URL, "\" http://example.com \"", "\"http://example.com\""),
                Arguments.of(PropertyType.URL, "\"HTTPS://EXAMPLE.COM\"", "\"HTTPS://EXAMPLE.COM\""),
                Arguments.of(PropertyType.BOOLEAN, "true", "true"),
                Arguments.of(PropertyType.BOOLEAN, "\"Yes\"", "true"),
                Arguments.of(PropertyType.BOOLEAN, "\"n\"", "false"),
                Arguments.of(PropertyType.BOOLEAN, "\"0\"", "false"),
                Arguments.of(PropertyType.BOOLEAN, "1", "true"),
                Arguments.of(PropertyType.LIST, "[\" a \", \"b\"]", "[\"a\",\"b\"]"),
                Arguments.of(PropertyType.LIST, "\"item1, item2, item3\"", "[\"item1\",\"item2\",\"item3\"]"),
                Arguments.of(PropertyType.LIST, "[\"a\", \"\", 3]", "[\"a\",\"3\"]"),
                Arguments.of(PropertyType.SINGLE_CHOICE, "\"pro\"", "\"Pro\""),
                Arguments.of(PropertyType.SINGLE_CHOICE, "\" BUSINESS \"", "\"Business\""),
                Arguments.of(PropertyType.SINGLE_CHOICE, "\"Free\"", "\"Free\""),
                Arguments.of(PropertyType.MULTIPLE_CHOICE, "[\"pro\", \"Free\"]", "[\"Pro\",\"Free\"]"),
                Arguments.of(PropertyType.MULTIPLE_CHOICE, "\"free, PRO\"", "[\"Free\",\"Pro\"]"),
                Arguments.of(PropertyType.MULTIPLE_CHOICE, "[\"Pro\", \"pro\"]", "[\"Pro\"]"));
    }

    /** Type, JSON input, a fragment the error message must carry. */
    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of(PropertyType.TEXT, "{\"a\": 1}", "not an object"),
                Arguments.of(PropertyType.TEXT, "[\"a\"]", "not an array"),
                Arguments.of(PropertyType.TEXT, "\"" + "x".repeat(10_001) + "\"", "longer than 10000"),
                Arguments.of(PropertyType.NUMBER, "\"twelve\"", "not a number"),
                Arguments.of(PropertyType.NUMBER, "\"NaN\"", "not a number"),
                Arguments.of(PropertyType.NUMBER, "\"Infinity\"", "not a number"),
                Arguments.of(PropertyType.NUMBER, "true", "not a number"),
                Arguments.of(PropertyType.NUMBER, "\"0x1A\"", "not a number"),
                Arguments.of(PropertyType.DATE, "\"31/12/2019\"", "DD/MM/YYYY is not accepted"),
                Arguments.of(PropertyType.DATE, "\"2019-02-30\"", "not a real calendar date"),
                Arguments.of(PropertyType.DATE, "\"2019-13-01\"", "not a real calendar date"),
                Arguments.of(PropertyType.DATE, "\"tomorrow\"", "not a valid date"),
                Arguments.of(PropertyType.DATE, "\"2019-12-31T25:00:00Z\"", "not a real calendar date"),
                Arguments.of(PropertyType.DATE, "20191231", "not a valid date"),
                Arguments.of(PropertyType.EMAIL, "\"anna\"", "not a valid email"),
                Arguments.of(PropertyType.EMAIL, "\"anna@localhost\"", "not a valid email"),
                Arguments.of(PropertyType.EMAIL, "\"a b@example.com\"", "not a valid email"),
                Arguments.of(PropertyType.EMAIL, "\"anna@@example.com\"", "not a valid email"),
                Arguments.of(PropertyType.PHONE, "\"call me\"", "not a phone number"),
                Arguments.of(PropertyType.PHONE, "\"+48 12\"", "impossible length"),
                Arguments.of(PropertyType.PHONE, "\"123456789\"", "no country code"),
                Arguments.of(PropertyType.PHONE, "\"+4812345678901234\"", "impossible length"),
                Arguments.of(PropertyType.URL, "\"ftp://example.com\"", "not an absolute http"),
                Arguments.of(PropertyType.URL, "\"/relative/path\"", "not an absolute http"),
                Arguments.of(PropertyType.URL, "\"example.com\"", "not an absolute http"),
                Arguments.of(PropertyType.URL, "\"javascript:alert(1)\"", "not an absolute http"),
                Arguments.of(PropertyType.BOOLEAN, "\"maybe\"", "not a boolean"),
                Arguments.of(PropertyType.BOOLEAN, "2", "not a boolean"),
                Arguments.of(PropertyType.BOOLEAN, "[true]", "not an array"),
                Arguments.of(PropertyType.LIST, "[[\"a\"]]", "nested"),
                Arguments.of(PropertyType.LIST, "[{\"a\": 1}]", "nested"),
                Arguments.of(PropertyType.LIST, "{\"a\": 1}", "not an object"),
                Arguments.of(PropertyType.SINGLE_CHOICE, "\"Gold\"", "not one of the choices: Free, Pro, Business"),
                Arguments.of(PropertyType.SINGLE_CHOICE, "[\"Pro\"]", "not an array"),
                Arguments.of(PropertyType.SINGLE_CHOICE, "\"Pro, Free\"", "not one of the choices"),
                Arguments.of(
                        PropertyType.MULTIPLE_CHOICE,
                        "[\"Pro\", \"Gold\"]",
                        "'Gold' of property 'Field' is not one of the choices"),
                Arguments.of(PropertyType.MULTIPLE_CHOICE, "\"Pro, Platinum\"", "not one of the choices"),
                Arguments.of(PropertyType.MULTIPLE_CHOICE, "[[\"Pro\"]]", "nested"));
    }

    @ParameterizedTest(name = "{0} accepts {1}")
    @MethodSource("accepted")
    void acceptsAndNormalises(PropertyType type, String input, String stored) {
        // Compared as JSON text: 42 and 42L, or 3.5 as double or decimal, are the same stored value.
        assertEquals(
                json(stored).toString(),
                normalise(type, input, ValueContext.DEFAULT).toString());
    }

    @ParameterizedTest(name = "{0} rejects {1}")
    @MethodSource("rejected")
    void rejectsWithAMessageNamingPropertyAndValue(PropertyType type, String input, String fragment) {
        ValueException error = assertThrows(ValueException.class, () -> normalise(type, input, ValueContext.DEFAULT));
        assertTrue(error.getMessage().contains(fragment), error.getMessage());
        assertTrue(error.getMessage().contains("property 'Field'"), error.getMessage());
    }

    @Test
    void refusesTheNulCharacterWhichNoValueCanHold() {
        for (PropertyType type : PropertyType.values()) {
            ValueException error =
                    assertThrows(ValueException.class, () -> normalise(type, "\"Pro\\u0000\"", ValueContext.DEFAULT));
            assertTrue(error.getMessage().contains("NUL character (U+0000)"), error.getMessage());
        }
        assertThrows(
                ValueException.class,
                () -> normalise(PropertyType.LIST, "[\"a\", \"b\\u0000\"]", ValueContext.DEFAULT));
    }

    @Test
    void clearsOnNullOrEmptyStringForEveryType() {
        for (PropertyType type : PropertyType.values()) {
            assertTrue(TypeSystem.normalise(definition(type), json("null"), ValueContext.DEFAULT)
                    .isEmpty());
            assertTrue(TypeSystem.normalise(definition(type), json("\"\""), ValueContext.DEFAULT)
                    .isEmpty());
            assertTrue(TypeSystem.normalise(definition(type), null, ValueContext.DEFAULT)
                    .isEmpty());
        }
    }

    @Test
    void readsDateTimesWithoutOffsetInTheTenantsZone() {
        ValueContext warsaw = new ValueContext(ZoneId.of("Europe/Warsaw"), null);
        assertEquals(json("\"2019-12-31T09:00:00Z\""), normalise(PropertyType.DATE, "\"2019-12-31T10:00:00\"", warsaw));
        assertEquals(json("\"2019-07-01T08:00:00Z\""), normalise(PropertyType.DATE, "\"2019-07-01T10:00\"", warsaw));
    }

    @Test
    void readsNationalPhoneNumbersWithTheDefaultRegion() {
        ValueContext poland = new ValueContext(ZoneId.of("UTC"), "PL");
        assertEquals(json("\"+48123456789\""), normalise(PropertyType.PHONE, "\"123 456 789\"", poland));
        ValueContext us = new ValueContext(ZoneId.of("UTC"), "US");
        assertEquals(json("\"+12015550123\""), normalise(PropertyType.PHONE, "\"(201) 555-0123\"", us));
        assertEquals(json("\"+48123456789\""), normalise(PropertyType.PHONE, "\"+48123456789\"", us));
    }
}
