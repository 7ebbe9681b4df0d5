package com.contactproperties.api.properties;

import com.contactproperties.event.Event;
import com.contactproperties.event.EventPage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of {@code /api/v1/events} (issue 25), snake_case. */
public final class EventApi {

    static final String EXAMPLE = """
      {"id": "evt_01JDX3Q8Z4K7M2N5P8R1T4V7W0", "type": "contact.updated", "tenant_id": "tn_acme",
       "occurred_at": "2026-11-30T09:20:00.123Z", "source": "api", "actor": "usr_ann", "task_id": null,
       "object_type": "contact", "object_id": "con_01HV8Y5R5RFMS0TFK6PKF9H2S8",
       "data": {"changes": {"name": {"old": "Ann", "new": "Ann Lee"},
                            "custom_fields.plan": {"old": "Free", "new": "Pro"}}},
       "cursor": "MTIzNDo1Ng"}""";

    private EventApi() {}

    /** One change event, as the feed and webhook deliveries show it. */
    @Schema(name = "Event", description = """
      A change event. `data` depends on `type`; the schema named after the type (`ContactUpdatedEvent`, \
      `TaskCompletedEvent`, ...) describes it.""")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record View(
            @Schema(description = "`evt_` and a ULID; the same event always has the same id.")
            String id,

            @Schema(
                    enumeration = {
                        "contact.created",
                        "contact.updated",
                        "contact.archived",
                        "contact.unarchived",
                        "contact.deleted",
                        "property.created",
                        "property.updated",
                        "property.deleted",
                        "task.completed",
                        "task.failed",
                        "task.cancelled",
                        "import.completed",
                        "survey.requested"
                    })
            String type,

            String tenantId,
            Instant occurredAt,

            @Schema(
                    description = "How the change was asked for.",
                    enumeration = {"api", "bulk", "import", "customers", "survey", "mcp", "retype", "purge"})
            String source,

            @Schema(description = "The `sub` of the token that asked for the change.", nullable = true)
            String actor,

            @Schema(description = "The batch task that applied the change, if one did.", nullable = true)
            String taskId,

            @Schema(enumeration = {"contact", "property", "task", "import", "survey_request"})
            String objectType,

            @Schema(description = "The id of the object: `con_…`, `cf_…`, `task_…`, `srq_…`.")
            String objectId,

            @Schema(
                    type = SchemaType.OBJECT,
                    description = "The type's body: `changes` maps each changed field (custom values as"
                            + " `custom_fields.<key>`; the stored identities as `identities`, a sorted list of"
                            + " `{channel, metadata}` without ids) to its `old` and `new` stored values; tasks"
                            + " carry their counts.")
            JsonNode data,

            @Schema(description = "Resumes the feed right after this event.")
            String cursor) {

        static View of(Event e) {
            return new View(
                    e.id(),
                    e.type(),
                    e.tenantId(),
                    e.occurredAt(),
                    e.source(),
                    e.actor(),
                    e.taskId(),
                    e.objectType(),
                    e.objectId(),
                    e.data(),
                    e.cursor());
        }
    }

    /** A page of the feed, in commit order. */
    @Schema(name = "EventPage")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Page(
            List<View> events,

            @Schema(description = "Pass as `after` to read on; the same cursor again when nothing new is ready.")
            String nextCursor,

            @Schema(description = "Whether more events are ready now.")
            boolean hasMore) {

        static Page of(EventPage page) {
            return new Page(page.events().stream().map(View::of).toList(), page.nextCursor(), page.hasMore());
        }
    }
}
