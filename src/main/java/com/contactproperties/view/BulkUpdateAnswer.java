package com.contactproperties.view;

import com.contactproperties.bulk.BulkCommands;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to a bulk update as seed 001 shows it (snake_case), from {@code PUT /api/v1/contacts/bulk}
 * and the MCP tool bulk_update_contacts alike.
 */
@Schema(name = "BulkUpdateResponse")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkUpdateAnswer(
        String batchTaskId,
        String status,
        int acceptedCount,
        int notFoundCount,
        List<Map<String, String>> notFound,
        int invalidCount,
        List<Map<String, Object>> invalid,
        String message) {

    public static BulkUpdateAnswer of(BulkCommands.Result result) {
        List<Map<String, String>> notFound = result.notFound().stream()
                .map(i -> Map.of(i.field(), i.value()))
                .toList();
        List<Map<String, Object>> invalid =
                result.invalid().stream().map(BulkUpdateAnswer::invalid).toList();
        boolean queued = result.taskId() != null;
        return new BulkUpdateAnswer(
                result.taskId(),
                queued ? "pending" : "not_queued",
                result.accepted(),
                notFound.size(),
                notFound,
                invalid.size(),
                invalid,
                queued ? null : "No entry matched a contact with valid changes, so no task was created");
    }

    private static Map<String, Object> invalid(BulkCommands.Rejected r) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("index", r.index());
        entry.put(r.identifier().field(), r.identifier().value());
        entry.put("errors", r.errors());
        return entry;
    }
}
