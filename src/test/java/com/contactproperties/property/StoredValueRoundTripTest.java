package com.contactproperties.property;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A stored value is accepted again unchanged: normalising is idempotent for every type. */
class StoredValueRoundTripTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static void assertRoundTrip(PropertyType type, JsonNode input) {
        PropertyDefinition definition = TypeSystemTest.definition(type);
        TypeSystem.normalise(definition, input, ValueContext.DEFAULT)
                .ifPresent(stored -> assertEquals(
                        stored,
                        TypeSystem.normalise(definition, stored, ValueContext.DEFAULT)
                                .orElseThrow(),
                        input.toString()));
    }

    @Property
    void text(@ForAll("texts") String text) {
        assertRoundTrip(PropertyType.TEXT, NODES.textNode(text));
    }

    @Property
    void numbers(@ForAll("numbers") BigDecimal number) {
        assertRoundTrip(PropertyType.NUMBER, NODES.numberNode(number));
        assertRoundTrip(PropertyType.NUMBER, NODES.textNode(number.toString()));
    }

    @Property
    void dates(@ForAll("dates") String date) {
        assertRoundTrip(PropertyType.DATE, NODES.textNode(date));
    }

    @Property
    void booleans(@ForAll("booleans") String text) {
        assertRoundTrip(PropertyType.BOOLEAN, NODES.textNode(text));
    }

    @Property
    void lists(@ForAll("texts") String a, @ForAll("texts") String b) {
        assertRoundTrip(PropertyType.LIST, NODES.textNode(a + "," + b));
        assertRoundTrip(PropertyType.LIST, NODES.arrayNode().add(a).add(b));
    }

    @Property
    void choices(@ForAll("choiceInputs") String choice) {
        assertRoundTrip(PropertyType.SINGLE_CHOICE, NODES.textNode(choice));
        assertRoundTrip(PropertyType.MULTIPLE_CHOICE, NODES.textNode(choice + "," + choice.toUpperCase()));
    }

    @Property
    void emailsAndPhonesAndUrls(@ForAll("words") String word, @ForAll("digits") String digits) {
        assertRoundTrip(PropertyType.EMAIL, NODES.textNode(word + "@" + word.toUpperCase() + ".example.com"));
        assertRoundTrip(PropertyType.PHONE, NODES.textNode("+48 " + digits));
        assertRoundTrip(PropertyType.URL, NODES.textNode("https://" + word + ".example.com/" + digits));
    }

    @Provide
    Arbitrary<String> texts() {
        // Any text that can be stored: PostgreSQL cannot hold U+0000, which the type system refuses (TypeSystemTest).
        return Arbitraries.strings().excludeChars('\0').ofMaxLength(200).filter(s -> !s.contains(","));
    }

    @Provide
    Arbitrary<BigDecimal> numbers() {
        return Arbitraries.bigDecimals()
                .between(new BigDecimal("-1e20"), new BigDecimal("1e20"))
                .ofScale(6);
    }

    @Provide
    Arbitrary<String> dates() {
        Arbitrary<LocalDate> days = Arbitraries.integers()
                .between(0, 100_000)
                .map(n -> LocalDate.of(1900, 1, 1).plusDays(n));
        Arbitrary<LocalDateTime> times = Combinators.combine(
                        days, Arbitraries.integers().between(0, 86_399))
                .as((day, second) -> day.atStartOfDay().plusSeconds(second));
        return Arbitraries.oneOf(
                days.map(LocalDate::toString),
                days.map(d -> String.format("%02d/%02d/%04d", d.getMonthValue(), d.getDayOfMonth(), d.getYear())),
                times.map(t -> t.atOffset(ZoneOffset.ofHours(3)).toString()),
                times.map(LocalDateTime::toString));
    }

    @Provide
    Arbitrary<String> booleans() {
        return Arbitraries.of(List.of("true", "FALSE", "1", "0", "Yes", "no", "Y", "n"));
    }

    @Provide
    Arbitrary<String> choiceInputs() {
        return Arbitraries.of("free", "PRO", "Business", " pro ");
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20);
    }

    @Provide
    Arbitrary<String> digits() {
        return Arbitraries.strings().numeric().ofLength(9).filter(s -> s.charAt(0) != '0');
    }
}
