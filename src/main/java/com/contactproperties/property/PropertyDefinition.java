package com.contactproperties.property;

import java.time.Instant;
import java.util.List;

/** A property definition as the services and every surface see it; {@code choices} is empty unless a choice type. */
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
    Instant updatedAt) {

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
