package com.contactproperties.api.mcp;

import com.contactproperties.contact.ContactFilter;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.json.Json;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The filter arguments shared by search_contacts and count_contacts, read into the domain's {@link ContactFilter}. */
record SearchFilter(
        String search,
        Map<String, Object> customFields,
        List<String> tagIds,
        List<Long> folderIds,
        String emailDomain,
        List<Channel> channels,
        Boolean archived,
        String createdAfter,
        String createdBefore) {

    /** Channels an identity may be on. */
    public enum Channel {
        @JsonProperty("whatsapp")
        WHATSAPP,
        @JsonProperty("instagram")
        INSTAGRAM,
        @JsonProperty("messenger")
        MESSENGER,
        @JsonProperty("telegram")
        TELEGRAM,
        @JsonProperty("sms")
        SMS,
        @JsonProperty("email")
        EMAIL,
        @JsonProperty("webchat")
        WEBCHAT
    }

    /** Orderings of a search. */
    public enum OrderBy {
        @JsonProperty("created_at")
        CREATED_AT,
        @JsonProperty("updated_at")
        UPDATED_AT,
        @JsonProperty("name")
        NAME
    }

    /** Directions of a search's ordering. */
    public enum Direction {
        @JsonProperty("asc")
        ASC,
        @JsonProperty("desc")
        DESC
    }

    static final String SEARCH = "Case-insensitive text contained in the name, email, phone or a tag name.";
    static final String CUSTOM_FIELDS = """
      Custom property conditions, ANDed, by property slug or key: {"plan": "Pro"} for equality, or an object of \
      operators {"score": {"gte": 10, "lt": 20}} with gt, gte, lt, lte, ne, eq, exists (exists takes true or false).""";
    static final String TAG_IDS = "Contacts with any of these tag ids (tag_..., see list_tags).";
    static final String FOLDER_IDS = "Contacts in any of these folders (numeric ids, see list_folders).";
    static final String EMAIL_DOMAIN = "Contacts whose email is at this domain, such as example.com (ignoring case).";
    static final String CHANNELS = "Contacts with an identity on any of these channels.";
    static final String ARCHIVED = "true: only archived contacts; false or left out: only live ones.";
    static final String CREATED_AFTER = "Created at or after this RFC 3339 time, such as 2026-04-30T09:00:00Z.";
    static final String CREATED_BEFORE = "Created before this RFC 3339 time.";

    ContactFilter toFilter(OrderBy orderBy, Direction direction) {
        ContactFilter.Order order =
                orderBy == null ? ContactFilter.Order.CREATED_AT : ContactFilter.Order.valueOf(orderBy.name());
        return new ContactFilter(
                search,
                conditions(),
                tagIds == null ? List.of() : tagIds,
                channels == null
                        ? List.of()
                        : channels.stream().map(WireNames::of).toList(),
                archived,
                time("created_after", createdAfter),
                time("created_before", createdBefore),
                order,
                direction != Direction.ASC,
                folderIds,
                emailDomain);
    }

    private List<ContactFilter.Condition> conditions() {
        List<ContactFilter.Condition> conditions = new ArrayList<>();
        if (customFields != null) {
            customFields.forEach((key, condition) -> conditions.addAll(conditions(key, condition)));
        }
        return conditions;
    }

    /** A property's conditions: {@code {"gte": 10}} names operators, a bare value means equal. */
    private static List<ContactFilter.Condition> conditions(String key, Object condition) {
        if (!(condition instanceof Map<?, ?> operators)) {
            return List.of(new ContactFilter.Condition(key, "eq", text(condition)));
        }
        List<ContactFilter.Condition> conditions = new ArrayList<>();
        operators.forEach(
                (op, value) -> conditions.add(new ContactFilter.Condition(key, String.valueOf(op), text(value))));
        return conditions;
    }

    private static String text(Object value) {
        return value instanceof String s ? s : Json.write(value);
    }

    private static Instant time(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new DomainException.BadRequest(name, "must be an RFC 3339 date-time such as 2026-04-30T09:20:00Z");
        }
    }
}
