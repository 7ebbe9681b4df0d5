package com.contactproperties.api.customers;

import com.contactproperties.customer.CustomerReader;
import com.contactproperties.customer.CustomerService;
import com.contactproperties.platform.idempotency.Idempotency;
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
import org.jboss.resteasy.reactive.RestQuery;

/** The customer upsert surface ({@code /api/v2}, seed 002): mapping only. */
@Path("/api/v2")
@Tag(name = "Customers", description = "Create or update customers and their properties by email")
public class CustomerResource {

    private final CustomerService customers;
    private final CustomerReader reader;
    private final JsonWebToken token;

    CustomerResource(CustomerService customers, CustomerReader reader, JsonWebToken token) {
        this.customers = customers;
        this.reader = reader;
        this.token = token;
    }

    @GET
    @Path("/customers")
    @Produces(MediaType.APPLICATION_JSON)
    @PermissionsAllowed("contact:read")
    @SecurityRequirement(name = "bearerAuth", scopes = "contact:read")
    @Operation(operationId = "getCustomerByEmail", summary = "Read a customer by email", description = """
      The live customer with this `email` (ignoring case), so that a client can check what it wrote: name, tag \
      names and every stored property by `label` with its type (`string`, `integer`, `boolean`, `collection`, \
      `date`) and value. `email` is required (400); no such customer in this tenant is a 404.""")
    @APIResponse(
            responseCode = "200",
            description = "The customer",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CustomerApi.CustomerView.class),
                            examples = @ExampleObject(name = "seed", value = """
          {"contact_id": "con_01HV8Y5R5RFMS0TFK6PKF9H2S8", "email": "johnsmith@example.com", "name": "John Smith",
           "tags": ["bar", "foo"], "properties": [{"label": "company", "type": "string", "value": "ACME"},
           {"label": "subscription_name", "type": "string", "value": "Free trial"}],
           "created_at": "2026-04-30T09:20:00Z", "updated_at": "2026-04-30T09:20:00Z"}""")))
    @APIResponse(responseCode = "400", description = "No email given")
    @APIResponse(responseCode = "404", description = "No customer with this email in this tenant")
    public Uni<CustomerApi.CustomerView> get(
            @Parameter(required = true, example = "johnsmith@example.com") @RestQuery String email) {
        return reader.byEmail(Caller.of(token), email).map(CustomerApi.CustomerView::of);
    }

    @POST
    @Path("/customers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(
            value = {"contact:create", "contact:update"},
            inclusive = true)
    @SecurityRequirement(
            name = "bearerAuth",
            scopes = {"contact:create", "contact:update"})
    @Operation(operationId = "upsertCustomers", summary = "Create or update customers", description = """
      Upserts 1 to 1,000 subscribers (413 beyond) by email, ignoring case. `first_name` and `last_name` form the \
      name and are kept as the text properties `first_name` and `last_name`; `company` is a text property; \
      `tags` are names, created when missing and added (never removed). Each property's `label` names it in any \
      spelling (`Subscription name` is `subscription_name`); a missing one is created with its `type` \
      (`string` → text, `integer` → number holding whole numbers, `boolean`, `collection` → list, `date`; \
      default `string`), which needs the `custom_field:create` scope too, otherwise that value is not stored. An \
      existing property keeps its type; another `type` in the request is a warning. `""` or `null` clears the \
      value for that customer only; properties not named are untouched. Dates without an offset are read in \
      UTC; `DD/MM/YYYY` is refused. The answer lists each subscriber in request order (`created`, `updated` or \
      `failed` with its errors); one bad subscriber fails alone, and one bad value fails alone too: it is not \
      stored and is listed in the subscriber's `errors`, while the rest (name, tags, other properties) is applied \
      and the status is `created` or `updated` (`failed` only when nothing could be applied, such as an invalid \
      email). A property created as `integer` holds whole numbers for its life, also when later requests omit \
      `type`. The same email twice: the later entry wins and the earlier is reported. An `Idempotency-Key` makes a retry answer the first answer.""")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CustomerApi.Request.class),
                            examples = @ExampleObject(name = "seed", value = """
          {"subscribers": [{"email": "johnsmith@example.com", "first_name": "John", "last_name": "Smith", "company": "ACME",
           "tags": ["foo", "bar"], "properties": [{"label": "Subscription name", "type": "string", "value": "Free trial"}]}]}""")))
    @APIResponse(
            responseCode = "200",
            description = "One result per subscriber",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CustomerApi.Answer.class),
                            examples = @ExampleObject(name = "seed", value = """
          {"results": [{"email": "johnsmith@example.com", "status": "created", "contact_id": "con_01HV8Y5R5RFMS0TFK6PKF9H2S8",
           "errors": [], "warnings": []}], "created_count": 1, "updated_count": 0, "failed_count": 0}""")))
    @APIResponse(responseCode = "413", description = "More than 1,000 subscribers")
    @APIResponse(responseCode = "422", description = "No subscribers, or an Idempotency-Key reused with another body")
    public Uni<CustomerApi.Answer> upsert(
            @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key") @RestHeader("Idempotency-Key")
                    String idempotencyKey,
            CustomerApi.Request body) {
        boolean mayCreate = Caller.scopes(token).contains("custom_field:create");
        return Uni.createFrom()
                .deferred(() -> customers.upsert(
                        Caller.of(token),
                        CustomerApi.subscribers(body),
                        mayCreate,
                        Optional.ofNullable(idempotencyKey),
                        Idempotency.bodyHash(idempotencyKey, body)))
                .map(CustomerApi.Answer::of);
    }
}
