package com.contactproperties.contact;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a contact list asks for; every part is optional. {@code archived}: null excludes archived
 * contacts, true lists only them, false only the others. {@code folderIds}: contacts in any of them;
 * {@code emailDomain}: contacts whose email is at that domain (example.com), ignoring case.
 */
public record ContactFilter(
        String search,
        List<Condition> customFields,
        List<String> tagIds,
        List<String> channels,
        Boolean archived,
        Instant createdAfter,
        Instant createdBefore,
        Order orderBy,
        boolean descending,
        List<Long> folderIds,
        String emailDomain) {

    /** A filter without folder or email-domain conditions, as the /v1 query offers it. */
    public ContactFilter(
            String search,
            List<Condition> customFields,
            List<String> tagIds,
            List<String> channels,
            Boolean archived,
            Instant createdAfter,
            Instant createdBefore,
            Order orderBy,
            boolean descending) {
        this(
                search,
                customFields,
                tagIds,
                channels,
                archived,
                createdAfter,
                createdBefore,
                orderBy,
                descending,
                null,
                null);
    }

    /** Channels an identity may be on. */
    public static final Set<String> CHANNELS =
            Set.of("whatsapp", "instagram", "messenger", "telegram", "sms", "email", "webchat");

    /** One custom-field condition: a property named by any spelling, an operator and its operand as text. */
    public record Condition(String name, String operator, String value) {

        /** The operators of {@code customFields[key][op]=value}; {@code eq} when none is given. */
        public static final List<String> OPERATORS = List.of("eq", "ne", "gt", "gte", "lt", "lte", "exists");
    }

    /** The orderings a list offers, each served by an index of its own. */
    public enum Order {
        CREATED_AT,
        UPDATED_AT,
        NAME
    }
}
