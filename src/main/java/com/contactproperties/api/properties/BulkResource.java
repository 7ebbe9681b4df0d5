package com.contactproperties.api.properties;

import com.contactproperties.bulk.BulkService;
import com.contactproperties.platform.idempotency.Idempotency;
import com.contactproperties.platform.security.Caller;
import com.contactproperties.view.BulkUpdateAnswer;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

/** Bulk contact updates ({@code PUT /api/v1/contacts/bulk}, seed 001): mapping only. */
@Path("/api/v1/contacts/bulk")
@Tag(name = "Bulk updates", description = "Update up to 1,000 contacts in the background")
public class BulkResource {

    private final BulkService bulk;
    private final JsonWebToken token;

    BulkResource(BulkService bulk, JsonWebToken token) {
        this.bulk = bulk;
        this.token = token;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @PermissionsAllowed("contact:update")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:update")
    @Operation(operationId = "bulkUpdateContacts", summary = "Update contacts in bulk", description = """
      Queues changes for up to 1,000 contacts (more: 413). Each entry names exactly one of `id` (the contact's \
      `con_…` id), `username` or `email` (otherwise 422 naming the entry) and a `contact` object with `status` \
      (`auto`, `optout`, `spam`), `email`, `phone`, `language`, one of `folder_ids` (replaces the contact's \
      folders), `add_folder_ids` or `remove_folder_ids` (keep the other folders), and `custom_properties`. An `id` \
      may be a number, as in seed 001's example: a number or a string that is not one of the tenant's contact ids \
      matched nothing and comes back in `not_found` as a string; an `id` that cannot be an identifier (object, \
      array, boolean, empty) refuses its entry alone, in `invalid`. Identifiers are resolved in one query before \
      the answer: unmatched ones come back in \
      `not_found`, entries whose values fail validation (or name unknown folders, or an email another contact \
      holds) in `invalid` with every error (also recorded as errors of the task), and the rest are stored as a \
      `bulk_update` task and applied in the \
      background, all in one transaction, several entries for one contact in request order. The answer is 202 with `batch_task_id`; \
      when nothing can be applied no task is created and the answer is 200 with `status: "not_queued"`. With \
      an `Idempotency-Key` header, a retry with the same body answers the first answer again and queues \
      nothing; the same key with another body is a 422.""")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = BulkApi.Request.class),
                            examples = {
                                @ExampleObject(name = "seed", value = """
          {"contacts": [{"id": "con_01HV8Y5R5RFMS0TFK6PKF9H2S8", "contact": {"phone": "+15550000001", "folder_ids": [10]}},
           {"username": "jane_doe", "contact": {"custom_properties": {"plan": "pro"}}},
           {"email": "unknown@example.com", "contact": {"status": "optout"}}]}"""),
                                @ExampleObject(
                                        name = "seed001",
                                        summary = "Seed 001's body: an id that is no contact's comes back in not_found"
                                                + " (seed 001 writes it as the number 123, which is accepted too)",
                                        value = """
          {"contacts": [{"id": "123", "contact": {"phone": "+15550000001", "folder_ids": [10]}},
           {"username": "jane_doe", "contact": {"custom_properties": {"plan": "pro"}}},
           {"email": "unknown@example.com", "contact": {"status": "optout"}}]}"""),
                                @ExampleObject(
                                        name = "addFolder",
                                        summary = "Add a contact to a folder, keeping its others",
                                        value = """
          {"contacts": [{"id": "con_01HV8Y5R5RFMS0TFK6PKF9H2S8", "contact": {"add_folder_ids": [11]}}]}""")
                            }))
    @APIResponse(
            responseCode = "202",
            description = "Queued",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = BulkUpdateAnswer.class),
                            examples = @ExampleObject(name = "seed", value = """
          {"batch_task_id": "task_01HV8Z92S0R7M4E5P6Q8T1A2B3", "status": "pending", "accepted_count": 2, "not_found_count": 1,
           "not_found": [{"email": "unknown@example.com"}], "invalid_count": 0, "invalid": []}""")))
    @APIResponse(
            responseCode = "200",
            description = "Nothing could be applied; no task was created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = BulkUpdateAnswer.class),
                            examples = @ExampleObject(name = "nothing", value = """
              {"status": "not_queued", "accepted_count": 0, "not_found_count": 1, "not_found": [{"email": "unknown@example.com"}],
               "invalid_count": 0, "invalid": [], "message": "No entry matched a contact with valid changes, so no task was created"}""")))
    @APIResponse(responseCode = "413", description = "More than 1,000 entries")
    @APIResponse(
            responseCode = "422",
            description = "An entry without exactly one identifier, or an Idempotency-Key reused with another body")
    public Uni<RestResponse<BulkUpdateAnswer>> update(
            @Parameter(
                            in = ParameterIn.HEADER,
                            name = "Idempotency-Key",
                            description = "Makes retries safe: same key and body, same answer.")
                    @RestHeader("Idempotency-Key")
                    String idempotencyKey,
            BulkApi.Request body) {
        return Uni.createFrom()
                .deferred(() -> bulk.submit(
                        Caller.of(token),
                        BulkApi.entries(body),
                        Optional.ofNullable(idempotencyKey),
                        Idempotency.bodyHash(idempotencyKey, body)))
                .map(BulkUpdateAnswer::of)
                .map(answer -> RestResponse.status(
                        answer.batchTaskId() != null ? RestResponse.Status.ACCEPTED : RestResponse.Status.OK, answer));
    }
}
