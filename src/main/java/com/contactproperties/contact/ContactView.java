package com.contactproperties.contact;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A contact as every surface sees it. {@code customFields} is keyed by property key, holds only
 * values of live properties, and each surface re-keys it in its own spelling.
 */
public record ContactView(
    String id,
    String tenantId,
    String name,
    String email,
    String username,
    String phone,
    String language,
    String status,
    List<Long> folderIds,
    List<Identity> identities,
    List<String> tagIds,
    Map<String, JsonNode> customFields,
    Instant createdAt,
    Instant updatedAt,
    Instant archivedAt) {

  /** A channel the contact can be reached on, with the channel's own data. */
  public record Identity(String id, String channel, JsonNode metadata) {}
}
