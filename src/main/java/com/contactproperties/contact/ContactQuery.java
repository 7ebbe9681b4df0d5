package com.contactproperties.contact;

import com.contactproperties.platform.BooleanParam;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.NulCharacters;
import com.contactproperties.property.DefinitionIndex;
import com.contactproperties.property.DefinitionSnapshot;
import com.contactproperties.property.PropertyDefinition;
import com.contactproperties.property.PropertyType;
import com.contactproperties.property.TypeSystem;
import com.contactproperties.property.ValueContext;
import com.contactproperties.property.ValueException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a {@link ContactFilter} into one SQL statement whose every condition an index serves:
 * custom-field conditions use the (tenant, custom_fields) GIN index through containment and key
 * existence, search the trigram index on the derived search text, tags and channels their own
 * tables' indexes, and the keyset position the index of the ordering.
 */
final class ContactQuery {

    private static final Set<PropertyType> ORDERED = Set.of(
            PropertyType.NUMBER,
            PropertyType.DATE,
            PropertyType.TEXT,
            PropertyType.EMAIL,
            PropertyType.PHONE,
            PropertyType.URL,
            PropertyType.SINGLE_CHOICE);

    private final List<Object> parameters = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();
    private final DefinitionIndex definitions;
    private final ObjectNode contained = JsonNodeFactory.instance.objectNode();

    private ContactQuery(String tenantId, DefinitionIndex definitions) {
        this.definitions = definitions;
        parameters.add(tenantId);
        conditions.add("c.tenant_id = $1");
        conditions.add("c.deleted_at is null");
    }

    /**
     * The statement listing up to {@code limit} contacts after the keyset position {@code after} (sort
     * value, id), a search costed by {@code statistics}. Built from remembered definitions, it finds
     * nothing once they are out of date.
     */
    static ContactQuery list(
            String tenantId,
            DefinitionSnapshot definitions,
            ContactFilter filter,
            List<Object> after,
            int limit,
            Statistics statistics) {
        ContactQuery query = new ContactQuery(tenantId, definitions.index());
        query.filter(filter, statistics);
        boolean generic = query.parameters.size() == 1;
        if (definitions.remembered()) {
            query.conditions.add(definitions.stillCurrent(generic ? ContactRows.TENANT_SUB_SELECT : "$1"));
        }
        if (generic) {
            // Planned once per connection: PostgreSQL keeps one generic plan for a statement whose plan no
            // parameter sways. Behind a sub-select the tenant is costed like any other (a tenant's size
            // made it plan every call anew, which cost as much as running the page), the custom-field
            // conditions are written out and the keyset position only narrows the walk of the index. The
            // deleted-properties sub-query takes the tenant the same way, or its custom plan looks cheaper.
            query.select = ContactRows.SELECT_TENANT_SUB_SELECT;
            query.conditions.set(0, "c.tenant_id = " + ContactRows.TENANT_SUB_SELECT);
        }
        if (after != null) {
            query.conditions.add("(" + filter.orderBy().column + ", c.id) " + (filter.descending() ? "<" : ">") + " ("
                    + query.bind(after.get(0)) + ", " + query.bind(after.get(1)) + ")");
        }
        String direction = filter.descending() ? " desc" : " asc";
        // A bound limit keeps the plans of search, tag, channel and date filters per call (their values
        // sway them): priced with an unknown limit, the generic plan never wins.
        query.suffix = " order by " + filter.orderBy().column + direction + ", c.id" + direction + " limit "
                + (generic ? String.valueOf(limit) : query.bind(limit));
        return query;
    }

    /**
     * The statement counting the contacts that match the filter, up to {@code cap}: a count stops
     * there so that a broad filter over a large tenant costs no more than reading {@code cap} rows.
     */
    static ContactQuery count(String tenantId, DefinitionIndex definitions, ContactFilter filter, int cap) {
        ContactQuery query = new ContactQuery(tenantId, definitions);
        query.filter(filter, Statistics.NONE);
        query.select = "select count(*) from (select 1 from contacts c";
        query.suffix = " limit " + query.bind(cap) + ") matching";
        return query;
    }

    private String select = ContactRows.SELECT;
    private String suffix = "";

    String sql() {
        return select + " where " + String.join(" and ", conditions) + suffix;
    }

    List<Object> parameters() {
        return parameters;
    }

    /**
     * What {@link SearchStatistics} say about the tenant and the search text.
     *
     * @param largeTenant whether the tenant holds half of all contacts or more
     * @param commonTrigrams the search-text trigrams that many contacts hold
     */
    record Statistics(boolean largeTenant, Set<String> commonTrigrams) {
        static final Statistics NONE = new Statistics(false, Set.of());
    }

    private void filter(ContactFilter filter, Statistics statistics) {
        if (filter.archived() == null || !filter.archived()) {
            conditions.add("c.archived_at is null");
        } else {
            conditions.add("c.archived_at is not null");
        }
        if (filter.createdAfter() != null) {
            conditions.add("c.created_at >= " + bind(ContactRepository.utc(filter.createdAfter())));
        }
        if (filter.createdBefore() != null) {
            conditions.add("c.created_at < " + bind(ContactRepository.utc(filter.createdBefore())));
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            String term = filter.search().strip().toLowerCase(Locale.ROOT);
            String rare = rarePart(term, statistics.commonTrigrams());
            if (rare != null) {
                // First, so that the index reads the rare part's lists before it checks the common trigrams' ones.
                conditions.add("c.search_text like " + bind("%" + rare + "%"));
            }
            String escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            conditions.add("c.search_text like " + bind("%" + escaped + "%"));
            if (statistics.largeTenant() && escaped.codePointCount(0, escaped.length()) >= 3) {
                // The trigram index then reads the term's trigrams only, not also the tenant's key, whose list
                // spans most of the table; the tenant is checked on the rows found. (A term of fewer than three
                // characters has no trigram, and keeps the tenant's own indexes.)
                conditions.set(0, "c.tenant_id || '' = $1");
            }
        }
        if (filter.tagIds() != null && !filter.tagIds().isEmpty()) {
            conditions.add("c.tag_ids && " + bind(filter.tagIds().toArray(String[]::new)) + "::text[]");
        }
        if (filter.channels() != null && !filter.channels().isEmpty()) {
            String stored =
                    "exists (select 1 from contact_identities i where i.tenant_id = c.tenant_id and i.contact_id = c.id"
                            + " and i.channel = any(" + bind(filter.channels().toArray(String[]::new)) + "))";
            // A contact's phone is its whatsapp identity too (ContactRows.PHONE_IDENTITY).
            conditions.add(filter.channels().contains("whatsapp") ? "(" + stored + " or c.phone is not null)" : stored);
        }
        if (filter.folderIds() != null && !filter.folderIds().isEmpty()) {
            conditions.add("c.folder_ids && " + bind(filter.folderIds().toArray(Long[]::new)) + "::bigint[]");
        }
        if (filter.emailDomain() != null && !filter.emailDomain().isBlank()) {
            String domain = filter.emailDomain()
                    .strip()
                    .toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\")
                    .replace("%", "\\%")
                    .replace("_", "\\_");
            conditions.add("lower(c.email) like " + bind("%@" + domain));
        }
        if (filter.customFields() != null) {
            filter.customFields().forEach(this::customField);
        }
        if (!contained.isEmpty()) {
            // One containment for every equality: PostgreSQL estimates each @> at a fixed selectivity,
            // so separate conditions multiply into an estimate of almost no rows and a poor plan.
            conditions.add("c.custom_fields @> " + literal(contained.toString()) + "::jsonb");
        }
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
                continue;
            }
            if (i - start >= 2) {
                if (common.contains(new String(points, i - 2, 3))) {
                    anyCommon = true;
                    start = i - 1;
                } else if (i - start + 1 > (best == null ? 2 : best.codePointCount(0, best.length()))) {
                    best = new String(points, start, i - start + 1);
                }
            }
        }
        return anyCommon ? best : null;
    }

    private void customField(ContactFilter.Condition condition) {
        String field = "customFields[" + condition.name() + "]";
        PropertyDefinition definition = definitions
                .find(condition.name())
                .orElseThrow(() -> new DomainException.BadRequest(
                        field, "'" + condition.name() + "' is not a property of this tenant"));
        String operator =
                condition.operator() == null ? "eq" : condition.operator().toLowerCase(Locale.ROOT);
        if (!ContactFilter.Condition.OPERATORS.contains(operator)) {
            throw new DomainException.BadRequest(
                    field, "unknown operator '" + operator + "': use one of " + ContactFilter.Condition.OPERATORS);
        }
        if (definition.predefined()) {
            predefinedField(definition, operator, condition.value(), field);
            return;
        }
        if (operator.equals("exists")) {
            conditions.add(
                    (bool(condition.value(), field) ? "" : "not ") + "c.custom_fields ? " + literal(definition.key()));
            return;
        }
        JsonNode operand = operand(definition, condition.value(), field);
        switch (operator) {
            case "eq" -> contained.set(definition.key(), operand);
            case "ne" ->
                conditions.add("not c.custom_fields @> " + literal(containment(definition, operand)) + "::jsonb");
            default -> conditions.add(range(definition, literal(definition.key()), operator, operand, field));
        }
    }

    private String range(PropertyDefinition definition, String key, String operator, JsonNode operand, String field) {
        if (!ORDERED.contains(definition.type())) {
            throw new DomainException.BadRequest(
                    field,
                    "'" + operator + "' does not apply to " + definition.type().wire() + " properties");
        }
        String sign = switch (operator) {
            case "gt" -> ">";
            case "gte" -> ">=";
            case "lt" -> "<";
            default -> "<=";
        };
        String value = definition.type() == PropertyType.NUMBER
                ? "case when jsonb_typeof(c.custom_fields -> " + key + ") = 'number' then (c.custom_fields ->> " + key
                        + ")::numeric end " + sign + " "
                        + literal(operand.decimalValue().toPlainString()) + "::numeric"
                : "(c.custom_fields ->> " + key + ") " + sign + " " + literal(operand.asText());
        return "(c.custom_fields ? " + key + " and " + value + ")";
    }

    private void predefinedField(PropertyDefinition definition, String operator, String value, String field) {
        String column = "c." + definition.key();
        switch (operator) {
            case "exists" -> conditions.add(column + (bool(value, field) ? " is not null" : " is null"));
            case "eq" ->
                conditions.add("lower(" + column + ") = lower("
                        + literal(operand(definition, value, field).asText()) + ")");
            case "ne" ->
                conditions.add("lower(" + column + ") is distinct from lower("
                        + literal(operand(definition, value, field).asText()) + ")");
            default ->
                throw new DomainException.BadRequest(field, "'" + operator + "' does not apply to " + definition.key());
        }
    }

    private static JsonNode operand(PropertyDefinition definition, String value, String field) {
        try {
            return TypeSystem.normalise(
                            definition, value == null ? null : TextNode.valueOf(value), ValueContext.DEFAULT)
                    .orElseThrow(() -> new DomainException.BadRequest(
                            field, "needs a value; use [exists]=false for contacts without one"));
        } catch (ValueException e) {
            throw new DomainException.BadRequest(field, e.getMessage());
        }
    }

    /** The JSON a matching contact contains: the value itself, or for list types every listed item. */
    private static String containment(PropertyDefinition definition, JsonNode operand) {
        return JsonNodeFactory.instance
                .objectNode()
                .set(definition.key(), operand)
                .toString();
    }

    /** An {@code [exists]} operand: true when left empty. */
    private static boolean bool(String value, String field) {
        return value == null || value.isBlank() || BooleanParam.parse(field, value);
    }

    /**
     * A custom-field operand written into the statement, so that PostgreSQL plans for the value (how
     * common it is decides between walking the ordering's index and reading the GIN index) once per
     * connection instead of once per call. An escape-string literal means the same whatever
     * {@code standard_conforming_strings} says; the value has passed the type system, which refuses
     * the NUL character, the one character no literal can hold.
     */
    static String literal(String value) {
        if (NulCharacters.in(value)) {
            throw new IllegalArgumentException("a NUL character cannot be written into a statement");
        }
        return "E'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private String bind(Object value) {
        parameters.add(value);
        return "$" + parameters.size();
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
