package com.contactproperties.api.mcp;

import com.contactproperties.event.Event;
import com.contactproperties.event.EventFeed;
import com.contactproperties.event.EventTypes;
import com.contactproperties.platform.error.DomainException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkiverse.mcp.server.RawMessage;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolGuardrails;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** What changed, and who changed it: the change events of the feed, newest first. */
public class ChangeTools {

    private static final int MAX_LIMIT = 100;

    private final McpAccess access;
    private final EventFeed feed;

    ChangeTools(McpAccess access, EventFeed feed) {
        this.access = access;
        this.feed = feed;
    }

    /** One change event. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Change(
            String id,
            String type,
            Instant occurredAt,
            String source,
            String actor,
            String taskId,
            String objectType,
            String objectId,
            JsonNode data) {

        static Change of(Event e) {
            return new Change(
                    e.id(),
                    e.type(),
                    e.occurredAt(),
                    e.source(),
                    e.actor(),
                    e.taskId(),
                    e.objectType(),
                    e.objectId(),
                    e.data());
        }
    }

    /** The latest changes, newest first. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Changes(List<Change> changes) {}

    @Tool(
            name = "list_recent_changes",
            title = "List recent changes",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = true,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            description = """
          Lists the latest change events of the tenant, newest first: what changed, when (occurred_at), who \
          (actor: the user id of the token that asked), how (source: api, mcp, bulk, import, customers, survey, \
          retype, purge) and through which batch task (task_id). A contact.updated event's data.changes maps each \
          changed field, custom values as custom_fields.<key>, to its old and new stored value. To answer "what \
          changed on this contact today", pass object_id (con_...) and since (today's date). Types: \
          contact.created, contact.updated, contact.archived, contact.unarchived, contact.deleted, \
          property.created, property.updated, property.deleted, task.completed, task.failed, task.cancelled, \
          import.completed, survey.requested. Requires the scope event:read.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<Changes> listRecentChanges(
            RawMessage call,
            @ToolArg(
                            name = "object_id",
                            description = "Only the changes of this object: a contact (con_...), property (cf_...)"
                                    + " or task (task_...).",
                            required = false)
                    String objectId,
            @ToolArg(description = "Only events of these types, such as [\"contact.updated\"].", required = false)
                    List<String> types,
            @ToolArg(
                            description = "Only changes at or after this moment: a date (YYYY-MM-DD, from midnight UTC)"
                                    + " or an RFC 3339 timestamp.",
                            required = false)
                    String since,
            @ToolArg(description = "How many changes, 1 to 100; 20 when left out.", required = false) Integer limit) {
        return access.as(
                call,
                "event:read",
                caller -> feed.recent(
                                caller,
                                EventTypes.parse(types == null ? null : String.join(",", types), "types"),
                                objectId == null || objectId.isBlank() ? null : objectId.strip(),
                                since(since),
                                limit(limit))
                        .map(events ->
                                new Changes(events.stream().map(Change::of).toList())));
    }

    private static int limit(Integer limit) {
        if (limit == null) {
            return 20;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new DomainException.BadRequest("limit", "must be from 1 to " + MAX_LIMIT);
        }
        return limit;
    }

    private static Instant since(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        String text = since.strip();
        try {
            return text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new DomainException.BadRequest(
                    "since", "must be a date (YYYY-MM-DD) or an RFC 3339 timestamp, such as 2026-11-30T09:00:00Z");
        }
    }
}
