package com.contactproperties.api.contacts;

import com.contactproperties.contact.ContactFilter;
import com.contactproperties.platform.BooleanParam;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the query of {@code GET /v1/contacts} into a {@link ContactFilter}; anything malformed is a 400 naming it. */
public final class ContactListParams {

    private static final Pattern CUSTOM_FIELD = Pattern.compile("customFields\\[([^\\]]+)\\](?:\\[([A-Za-z]+)\\])?");
    private static final Set<String> KNOWN = Set.of(
            "pageToken",
            "pageSize",
            "search",
            "customFields",
            "tagIds",
            "folderIds",
            "channels",
            "archived",
            "createdAfter",
            "createdBefore",
            "orderBy",
            "orderDirection");
    private static final Map<String, ContactFilter.Order> ORDERS = Map.of(
            "createdAt",
            ContactFilter.Order.CREATED_AT,
            "updatedAt",
            ContactFilter.Order.UPDATED_AT,
            "name",
            ContactFilter.Order.NAME);

    private ContactListParams() {}

    public static ContactFilter parse(MultivaluedMap<String, String> query) {
        List<ContactFilter.Condition> conditions = new ArrayList<>();
        query.forEach((name, values) -> {
            Matcher m = CUSTOM_FIELD.matcher(name);
            if (m.matches()) {
                values.forEach(value -> conditions.add(new ContactFilter.Condition(m.group(1), m.group(2), value)));
            } else if (!KNOWN.contains(name)) {
                throw new DomainException.BadRequest(name, "is not a parameter of this list");
            }
        });
        if (query.getFirst("customFields") != null) {
            conditions.addAll(jsonConditions(query.getFirst("customFields")));
        }
        String direction = query.getFirst("orderDirection");
        if (direction != null && !direction.equals("asc") && !direction.equals("desc")) {
            throw new DomainException.BadRequest("orderDirection", "must be asc or desc");
        }
        String orderBy = query.getFirst("orderBy");
        if (orderBy != null && !ORDERS.containsKey(orderBy)) {
            throw new DomainException.BadRequest("orderBy", "must be createdAt, updatedAt or name");
        }
        return new ContactFilter(
                query.getFirst("search"),
                conditions,
                list(query, "tagIds"),
                channels(query),
                BooleanParam.optional("archived", query.getFirst("archived")),
                time(query, "createdAfter"),
                time(query, "createdBefore"),
                orderBy == null ? ContactFilter.Order.CREATED_AT : ORDERS.get(orderBy),
                !"asc".equals(direction),
                folderIds(query),
                null);
    }

    /** {@code customFields={"lifecycleStage": "customer"}}: equality conditions as one JSON object. */
    private static List<ContactFilter.Condition> jsonConditions(String json) {
        JsonNode object;
        try {
            object = Json.MAPPER.readTree(json);
        } catch (Exception e) {
            object = null;
        }
        if (object == null || !object.isObject()) {
            throw new DomainException.BadRequest(
                    "customFields", "must be a JSON object of values, or use customFields[key]=value");
        }
        List<ContactFilter.Condition> conditions = new ArrayList<>();
        object.fields()
                .forEachRemaining(e -> conditions.add(new ContactFilter.Condition(
                        e.getKey(),
                        "eq",
                        e.getValue().isTextual()
                                ? e.getValue().textValue()
                                : e.getValue().toString())));
        return conditions;
    }

    /** Repeated parameters and comma-separated values alike. */
    private static List<String> list(MultivaluedMap<String, String> query, String name) {
        List<String> values = query.get(name);
        return values == null
                ? List.of()
                : values.stream()
                        .flatMap(v -> Arrays.stream(v.split(",")))
                        .map(String::strip)
                        .filter(v -> !v.isEmpty())
                        .toList();
    }

    private static List<Long> folderIds(MultivaluedMap<String, String> query) {
        try {
            return list(query, "folderIds").stream().map(Long::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new DomainException.BadRequest(
                    "folderIds", "must be numeric folder ids (see GET /api/v1/folders), repeated or comma-separated");
        }
    }

    private static List<String> channels(MultivaluedMap<String, String> query) {
        List<String> channels = list(query, "channels");
        channels.stream()
                .filter(c -> !ContactFilter.CHANNELS.contains(c))
                .findFirst()
                .ifPresent(c -> {
                    throw new DomainException.BadRequest(
                            "channels", "'" + c + "' is not a channel: use " + ContactFilter.CHANNELS);
                });
        return channels;
    }

    private static Instant time(MultivaluedMap<String, String> query, String name) {
        String value = query.getFirst(name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip().replace(" ", "+")).toInstant();
        } catch (DateTimeParseException e) {
            throw new DomainException.BadRequest(name, "must be an RFC 3339 date-time such as 2026-04-30T09:20:00Z");
        }
    }
}
