package com.contactproperties.property;

import java.time.Instant;
import java.util.List;

/**
 * A property definition as the services and every surface see it; {@code choices} is empty unless a
 * choice type; {@code wholeNumber} restricts a number property to whole numbers.
 */
public record PropertyDefinition(
        EntityType entityType,
        String key,
        String title,
        PropertyType type,
        List<String> choices,
        String description,
        boolean agentActive,
        boolean predefined,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        boolean wholeNumber) {

    /**
     * A definition without the whole-number restriction, which only a number property created as
     * {@code /api/v2}'s {@code integer} carries.
     */
    public PropertyDefinition(
            EntityType entityType,
            String key,
            String title,
            PropertyType type,
            List<String> choices,
            String description,
            boolean agentActive,
            boolean predefined,
            Instant createdAt,
            String createdBy,
            Instant updatedAt) {
        this(
                entityType,
                key,
                title,
                type,
                choices,
                description,
                agentActive,
                predefined,
                createdAt,
                createdBy,
                updatedAt,
                false);
    }

    /** The /v1 id, such as {@code cf_lifecycle_stage}. */
    public String id() {
        return Keys.id(key);
    }

    /** The /api/v1 slug, such as {@code lifecycle-stage}. */
    public String slug() {
        return Keys.slug(key);
    }

    /** The /v1 customFields spelling, such as {@code lifecycleStage}. */
    public String camelKey() {
        return Keys.camel(key);
    }
}
