package com.contactproperties.api.properties;

import com.contactproperties.event.EventCursor;
import com.contactproperties.event.EventFeed;
import com.contactproperties.event.EventTypes;
import com.contactproperties.platform.security.Caller;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** The tenant's change events in commit order ({@code /api/v1/events}, issue 25), for consumers that pull. */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events", description = "What changed, in commit order, replayable from a cursor")
public class EventResource {

    private final EventFeed feed;
    private final JsonWebToken token;

    EventResource(EventFeed feed, JsonWebToken token) {
        this.feed = feed;
        this.token = token;
    }

    @GET
    @PermissionsAllowed("event:read")
    @SecurityRequirement(name = "bearerAuth", scopes = "event:read")
    @Operation(operationId = "listEvents", summary = "List change events", description = """
      The tenant's change events in the order they were committed, after the cursor `after` (from \
      `next_cursor`, or an event's `cursor`; absent: from the oldest event kept). A consumer that stores the \
      last cursor it processed and resumes from it misses no event and sees none twice, even while writers \
      commit out of id order: an event is listed only once every transaction that began before it has ended. \
      An empty page answers the same cursor again: poll with it. Filters: `types` (comma-separated event \
      types), `object_id` (one contact, property, task...). `limit` is 1 to 1000 (default 100). Events are \
      kept for `contact-properties.events.retention` (7 days by default). Each event's `data` is described by \
      the schema named after its type, such as `ContactUpdatedEvent`.""")
    @APIResponse(
            responseCode = "200",
            description = "A page of events",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = EventApi.Page.class),
                            examples =
                                    @ExampleObject(
                                            name = "events",
                                            value = "{\"events\": [" + EventApi.EXAMPLE
                                                    + "], \"next_cursor\": \"MTIzNDo1Ng\", \"has_more\": false}")))
    @APIResponse(
            responseCode = "400",
            description = "A cursor this feed did not issue, an unknown event type, or a limit out of range")
    public Uni<EventApi.Page> list(
            @Parameter(description = "Resume after this cursor.") @RestQuery String after,
            @Parameter(description = "Comma-separated event types, such as `contact.updated,contact.deleted`.")
                    @RestQuery
                    String types,
            @Parameter(name = "object_id", description = "Only the events of this object.") @RestQuery("object_id")
                    String objectId,
            @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            minimum = "1",
                                            maximum = "1000",
                                            defaultValue = "100"))
                    @RestQuery
                    String limit) {
        return Uni.createFrom()
                .deferred(() -> feed.page(
                        Caller.of(token),
                        EventCursor.decode(after, "after"),
                        EventTypes.parse(types, "types"),
                        objectId == null || objectId.isBlank() ? null : objectId.strip(),
                        EventFeed.limit(limit, "limit")))
                .map(EventApi.Page::of);
    }
}
