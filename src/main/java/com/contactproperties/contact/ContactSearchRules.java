package com.contactproperties.contact;

import com.contactproperties.platform.BooleanParam;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.property.DefinitionIndex;
import com.contactproperties.property.PropertyDefinition;
import com.contactproperties.property.PropertyType;
import com.contactproperties.property.TypeSystem;
import com.contactproperties.property.ValueContext;
import com.contactproperties.property.ValueException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/** The rules of a contact list that need no database: what a filter may say, and where a page ends. */
final class ContactSearchRules {

    /** The types whose values a range condition ({@code gt}, {@code lte}, …) compares. */
    private static final Set<PropertyType> ORDERED = Set.of(
            PropertyType.NUMBER,
            PropertyType.DATE,
            PropertyType.TEXT,
            PropertyType.EMAIL,
            PropertyType.PHONE,
            PropertyType.URL,
            PropertyType.SINGLE_CHOICE);

    private ContactSearchRules() {}

    /** The condition's field as a client wrote it, for error messages. */
    static String field(ContactFilter.Condition condition) {
        return "customFields[" + condition.name() + "]";
    }

    /** The live definition a condition names; a name of no property is a bad request. */
    static PropertyDefinition definition(DefinitionIndex definitions, ContactFilter.Condition condition) {
        return definitions
                .find(condition.name())
                .orElseThrow(() -> new DomainException.BadRequest(
                        field(condition), "'" + condition.name() + "' is not a property of this tenant"));
    }

    /** The condition's operator, lower-cased, {@code eq} when none is given; an unknown one is a bad request. */
    static String operator(ContactFilter.Condition condition) {
        String operator =
                condition.operator() == null ? "eq" : condition.operator().toLowerCase(Locale.ROOT);
        if (!ContactFilter.Condition.OPERATORS.contains(operator)) {
            throw new DomainException.BadRequest(
                    field(condition),
                    "unknown operator '" + operator + "': use one of " + ContactFilter.Condition.OPERATORS);
        }
        return operator;
    }

    /** Refuses a range operator on a type whose values have no order. */
    static void requireOrdered(PropertyDefinition definition, String operator, String field) {
        if (!ORDERED.contains(definition.type())) {
            throw new DomainException.BadRequest(
                    field,
                    "'" + operator + "' does not apply to " + definition.type().wire() + " properties");
        }
    }

    /** The operand in the property's stored form; a value the type refuses is a bad request. */
    static JsonNode operand(PropertyDefinition definition, String value, String field) {
        try {
            return TypeSystem.normalise(
                            definition, value == null ? null : TextNode.valueOf(value), ValueContext.DEFAULT)
                    .orElseThrow(() -> new DomainException.BadRequest(
                            field, "needs a value; use [exists]=false for contacts without one"));
        } catch (ValueException e) {
            throw new DomainException.BadRequest(field, e.getMessage());
        }
    }

    /** The operand of {@code [exists]}: true when empty. */
    static boolean exists(String value, String field) {
        return value == null || value.isBlank() || BooleanParam.parse(field, value);
    }

    /** A text for a LIKE pattern that matches it literally. */
    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * The longest run of letters and digits in a lower-case search term whose trigrams are none of
     * {@code common}, when the term holds a common trigram and such a run of three or more exists;
     * otherwise null. Every contact whose search text contains the term contains the run, so the run
     * only narrows what the index reads first. Trigrams are taken within words, as pg_trgm does.
     */
    static String rarePart(String term, Set<String> common) {
        if (common.isEmpty()) {
            return null;
        }
        int[] points = term.codePoints().toArray();
        String best = null;
        boolean anyCommon = false;
        int start = 0;
        for (int i = 0; i <= points.length; i++) {
            if (i == points.length || !Character.isLetterOrDigit(points[i])) {
                start = i + 1;
            } else if (i - start >= 2 && common.contains(new String(points, i - 2, 3))) {
                anyCommon = true;
                start = i - 1;
            } else if (i - start >= 2 && i - start + 1 > (best == null ? 2 : best.codePointCount(0, best.length()))) {
                best = new String(points, start, i - start + 1);
            }
        }
        return anyCommon ? best : null;
    }

    /** The list name a page token is bound to: a token of one ordering is refused by another. */
    static String tokenList(ContactFilter filter) {
        return "contacts:" + filter.orderBy().name() + (filter.descending() ? ":desc" : ":asc");
    }

    /** The keyset value of the ordering for a contact. */
    static String sortValue(ContactFilter.Order order, ContactView contact) {
        return switch (order) {
            case CREATED_AT -> contact.createdAt().toString();
            case UPDATED_AT -> contact.updatedAt().toString();
            case NAME -> contact.name();
        };
    }

    /** The keyset value of a token, as the statement binds it. */
    static Object sortParameter(ContactFilter.Order order, String value) {
        return order == ContactFilter.Order.NAME ? value : ContactRepository.utc(Instant.parse(value));
    }
}
