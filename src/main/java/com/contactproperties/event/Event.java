package com.contactproperties.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A stored change event, with the feed cursor that resumes right after it. */
@RegisterForReflection(registerFullHierarchy = true)
public record Event(
        String id,
        String type,
        String tenantId,
        Instant occurredAt,
        String source,
        String actor,
        String taskId,
        String objectType,
        String objectId,
        JsonNode data,
        String cursor) {}
