package com.contactproperties.contact;

import java.time.Instant;
import java.util.List;

/**
 * A contact as every surface sees it. {@code identities} and {@code customFields} are the stored
 * JSON text, which a surface copies into its answer rather than parsing: {@code identities} is an
 * array of {@code {"id", "channel", "metadata"}} objects ordered by id, and {@code customFields} an
 * object keyed by property key holding only values of live properties, which each surface re-keys
 * in its own spelling.
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
        String identities,
        List<String> tagIds,
        String customFields,
        Instant createdAt,
        Instant updatedAt,
        Instant archivedAt) {}
