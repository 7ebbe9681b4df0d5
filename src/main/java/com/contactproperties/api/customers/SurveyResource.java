package com.contactproperties.api.customers;

import com.contactproperties.customer.SurveyService;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.idempotency.Idempotency;
import com.contactproperties.platform.paging.PageRequest;
import com.contactproperties.platform.security.Caller;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** Transactional surveys ({@code /api/v2/survey}, seed 002) and the queue of survey requests: mapping only. */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Surveys", description = "Apply customers and queue surveys for the system that sends them")
public class SurveyResource {

    private static final Set<String> STATUSES = Set.of("queued", "sent", "failed");

    private final SurveyService surveys;
    private final JsonWebToken token;

    SurveyResource(SurveyService surveys, JsonWebToken token) {
        this.surveys = surveys;
        this.token = token;
    }

    @POST
    @Path("/survey")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(
            value = {"contact:create", "contact:update"},
            inclusive = true)
    @SecurityRequirement(
            name = "bearerAuth",
            scopes = {"contact:create", "contact:update"})
    @Operation(operationId = "sendSurvey", summary = "Send transactional surveys", description = """
      Seed 002 names this as one of the two endpoints that create, assign and update customer properties. \\
      `customers` (1 to 1,000) takes exactly the fields and `properties` of `POST /api/v2/customers` and is \\
      applied exactly as that endpoint applies `subscribers` (same creation of properties, coercion, clearing, \\
      per-value and per-customer errors). For each customer applied, one survey request is recorded with the \\
      `campaign` and `send_after` = now + `delay` days (0 to 365, default 0), status `queued`. **This service \\
      sends no email**: the system that delivers surveys lists the requests with `GET /api/v2/survey_requests` \\
      and reports each one with `POST /api/v2/survey_requests/{id}/status`. The answer is 202 with each \\
      customer's result and its `survey_request_id` (null when the customer failed). An `Idempotency-Key` makes \\
      a retry answer the first answer and queue nothing twice.""")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SurveyApi.Call.class),
                            examples = @ExampleObject(name = "survey", value = """
          {"campaign": "Onboarding NPS", "delay": 2, "customers": [{"email": "johnsmith@example.com", "first_name": "John",
           "properties": [{"label": "Subscription name", "type": "string", "value": "Free trial"}]}]}""")))
    @APIResponse(
            responseCode = "202",
            description = "Customers applied and surveys queued",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SurveyApi.Answer.class),
                            examples = @ExampleObject(name = "survey", value = """
          {"results": [{"email": "johnsmith@example.com", "status": "created", "contact_id": "con_01HV8Y5R5RFMS0TFK6PKF9H2S8",
           "errors": [], "warnings": [], "survey_request_id": "srq_01HV8Z92S0R7M4E5P6Q8T1A2B3"}],
           "created_count": 1, "updated_count": 0, "failed_count": 0, "queued_count": 1}""")))
    @APIResponse(responseCode = "400", description = "No customers")
    @APIResponse(responseCode = "413", description = "More than 1,000 customers")
    @APIResponse(
            responseCode = "422",
            description = "No campaign, a delay out of range, or an Idempotency-Key reused with another body")
    public Uni<RestResponse<SurveyApi.Answer>> send(
            @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key") @RestHeader("Idempotency-Key")
                    String idempotencyKey,
            SurveyApi.Call body) {
        boolean mayCreate = Caller.scopes(token).contains("custom_field:create");
        return Uni.createFrom()
                .deferred(() -> {
                    if (body == null) {
                        throw new DomainException.BadRequest(
                                "customers", "is required: send {\"customers\": [...], \"campaign\": ...}");
                    }
                    return surveys.send(
                            Caller.of(token),
                            body.subscribers(),
                            mayCreate,
                            body.campaign(),
                            body.delayDays(),
                            Optional.ofNullable(idempotencyKey),
                            Idempotency.bodyHash(idempotencyKey, body));
                })
                .map(outcome -> RestResponse.accepted(SurveyApi.Answer.of(outcome)));
    }

    @GET
    @Path("/survey_requests")
    @PermissionsAllowed("contact:list")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:list")
    @Operation(operationId = "listSurveyRequests", summary = "List survey requests", description = """
      The survey requests of the tenant, oldest first, for the system that delivers surveys, optionally of one \\
      `status` and `campaign`. Paginated with `page_token` (from `next_page_token`, null on the last page) and \\
      `page_size` (1 to 500, default 50).""")
    @APIResponse(
            responseCode = "200",
            description = "Survey requests",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SurveyApi.ListView.class),
                            examples =
                                    @ExampleObject(
                                            name = "requests",
                                            value = "{\"survey_requests\": [" + SurveyApi.REQUEST_EXAMPLE
                                                    + "], \"next_page_token\": null}")))
    @APIResponse(
            responseCode = "400",
            description = "An unknown status, a page_token this list did not issue, or a page_size out of range")
    public Uni<SurveyApi.ListView> list(
            @Parameter(schema = @Schema(enumeration = {"queued", "sent", "failed"})) @RestQuery String status,
            @RestQuery String campaign,
            @RestQuery("page_token") String pageToken,
            @Parameter(name = "page_size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
                    @RestQuery("page_size")
                    String pageSize) {
        if (status != null && !STATUSES.contains(status)) {
            throw new DomainException.BadRequest("status", "must be one of queued, sent or failed");
        }
        return Uni.createFrom()
                .deferred(() -> surveys.list(Caller.of(token), status, campaign, PageRequest.of(pageToken, pageSize)))
                .map(SurveyApi.ListView::of);
    }

    @POST
    @Path("/survey_requests/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed("contact:update")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:update")
    @Operation(
            operationId = "reportSurveyRequestStatus",
            summary = "Report a survey request sent or failed",
            description = """
      The delivering system reports a request `sent` or `failed` (with an optional `reason`). `sent` is final: \\
      reporting a sent request again is a 409; a `failed` one may be reported again, such as `sent` after a retry.""")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SurveyApi.Status.class),
                            examples = @ExampleObject(name = "sent", value = "{\"status\": \"sent\"}")))
    @APIResponse(
            responseCode = "200",
            description = "The request",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SurveyApi.View.class),
                            examples = @ExampleObject(name = "request", value = SurveyApi.REQUEST_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such survey request in this tenant")
    @APIResponse(responseCode = "409", description = "The request was already sent")
    @APIResponse(responseCode = "422", description = "A status other than sent or failed")
    public Uni<SurveyApi.View> report(@RestPath String id, SurveyApi.Status body) {
        if (body == null) {
            throw new DomainException.BadRequest("status", "is required: send {\"status\": \"sent\"} or \"failed\"");
        }
        return surveys.mark(Caller.of(token), id, body.status(), body.reason()).map(SurveyApi.View::of);
    }
}
