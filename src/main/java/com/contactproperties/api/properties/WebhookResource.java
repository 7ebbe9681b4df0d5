package com.contactproperties.api.properties;

import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.Problem;
import com.contactproperties.platform.paging.PageRequest;
import com.contactproperties.platform.security.Caller;
import com.contactproperties.webhook.WebhookService;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Webhook subscriptions ({@code /api/v1/webhooks}): reading needs {@code webhook:read}, changing
 * {@code webhook:write}, and both the role {@code owner} or {@code admin} (an agent may not send a
 * tenant's data to a URL of its choosing).
 */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Signed change events POSTed to the URLs a tenant registers")
public class WebhookResource {

    private static final String SIGNING = " Every delivery is a POST of one event as JSON with the headers"
            + " `webhook-id` (the event id), `webhook-timestamp` (unix seconds) and `webhook-signature`"
            + " (`v1,` + base64 of HMAC-SHA256 over `id.timestamp.body`, keyed with the base64-decoded part of"
            + " the secret after `whsec_`), as the Standard Webhooks specification says.";

    private final WebhookService webhooks;
    private final JsonWebToken token;
    private final SecurityIdentity identity;

    WebhookResource(WebhookService webhooks, JsonWebToken token, SecurityIdentity identity) {
        this.webhooks = webhooks;
        this.token = token;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed("webhook:write")
    @SecurityRequirement(name = "bearerAuth", scopes = "webhook:write")
    @Operation(operationId = "createWebhook", summary = "Create a webhook subscription", description = """
      Registers a URL to which the tenant's change events of the named `event_types` (`["*"]`: all, the default) \
      are POSTed, from now on. The URL must be https and its host must resolve to public addresses only: \
      loopback, private, link-local, shared (CGNAT), unique-local, multicast and cloud metadata addresses are \
      refused (422), here and again before every delivery. The URL is never contacted when it is registered. \
      The answer holds the signing `secret`, shown this once (rotate it with `…/rotate-secret`). Owner or admin \
      role.""" + SIGNING)
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WebhookApi.Fields.class),
                            examples =
                                    @ExampleObject(
                                            name = "webhook",
                                            value = "{\"url\": \"https://hooks.example.com/contacts\","
                                                    + " \"event_types\": [\"contact.created\", \"contact.updated\"]}")))
    @APIResponse(
            responseCode = "201",
            description = "Created, with the secret",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WebhookApi.Created.class),
                            examples = @ExampleObject(name = "created", value = WebhookApi.CREATED_EXAMPLE)))
    @APIResponse(responseCode = "422", description = "A URL a webhook may not reach, or an unknown event type")
    public Uni<RestResponse<WebhookApi.Created>> create(WebhookApi.Fields body) {
        requireAdmin();
        if (body == null) {
            throw new DomainException.BadRequest("body", "is required: send {\"url\": ..., \"event_types\": [...]}");
        }
        return webhooks.create(
                        Caller.of(token),
                        new WebhookService.Create(
                                body.url,
                                body.eventTypes,
                                body.description == null ? null : body.description.orElse(null),
                                body.active))
                .map(created -> RestResponse.ResponseBuilder.<WebhookApi.Created>created(URI.create(
                                "/api/v1/webhooks/" + created.subscription().id()))
                        .entity(WebhookApi.Created.of(created))
                        .build());
    }

    @GET
    @PermissionsAllowed("webhook:read")
    @SecurityRequirement(name = "bearerAuth", scopes = "webhook:read")
    @Operation(operationId = "listWebhooks", summary = "List webhook subscriptions", description = """
      The tenant's subscriptions, oldest first, without their secrets. Paginated with `page_token` (from \
      `next_page_token`) and `page_size` (1 to 500, default 50). Owner or admin role.""")
    @APIResponse(
            responseCode = "200",
            description = "Subscriptions",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WebhookApi.ListView.class),
                            examples =
                                    @ExampleObject(
                                            name = "webhooks",
                                            value = "{\"webhooks\": [" + WebhookApi.EXAMPLE
                                                    + "], \"next_page_token\": null}")))
    @APIResponse(
            responseCode = "400",
            description = "A page_token this list did not issue, or a page_size out of range")
    public Uni<WebhookApi.ListView> list(
            @RestQuery("page_token") String pageToken,
            @Parameter(
                            name = "page_size",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            minimum = "1",
                                            maximum = "500",
                                            defaultValue = "50"))
                    @RestQuery("page_size")
                    String pageSize) {
        requireAdmin();
        return webhooks.list(Caller.of(token), PageRequest.of(pageToken, pageSize))
                .map(WebhookApi.ListView::of);
    }

    @GET
    @Path("/{id}")
    @PermissionsAllowed("webhook:read")
    @SecurityRequirement(name = "bearerAuth", scopes = "webhook:read")
    @Operation(
            operationId = "getWebhook",
            summary = "Get a webhook subscription",
            description = "One subscription, without its secret; `disabled_reason` says why the service turned it"
                    + " off, when it did. Owner or admin role.")
    @APIResponse(
            responseCode = "200",
            description = "The subscription",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WebhookApi.View.class),
                            examples = @ExampleObject(name = "webhook", value = WebhookApi.EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such subscription in this tenant")
    public Uni<WebhookApi.View> get(@RestPath String id) {
        requireAdmin();
        return webhooks.get(Caller.of(token), id).map(WebhookApi.View::of);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed("webhook:write")
    @SecurityRequirement(name = "bearerAuth", scopes = "webhook:write")
    @Operation(operationId = "updateWebhook", summary = "Update a webhook subscription", description = """
      Changes the fields sent; the others stay. A new `url` is checked as at creation. `active: false` stops \
      deliveries (pending ones wait); `active: true` re-enables a subscription, also one the service disabled, \
      clears `disabled_reason` and sends the events that occur from then on. Owner or admin role.""")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WebhookApi.Fields.class),
                            examples = @ExampleObject(name = "re-enable", value = "{\"active\": true}")))
    @APIResponse(
            responseCode = "200",
            description = "The subscription",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WebhookApi.View.class),
                            examples = @ExampleObject(name = "webhook", value = WebhookApi.EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such subscription in this tenant")
    @APIResponse(responseCode = "422", description = "A URL a webhook may not reach, or an unknown event type")
    public Uni<WebhookApi.View> update(@RestPath String id, WebhookApi.Fields body) {
        requireAdmin();
        if (body == null) {
            throw new DomainException.BadRequest("body", "is required: send the fields to change");
        }
        return webhooks.update(
                        Caller.of(token),
                        id,
                        new WebhookService.Change(
                                body.url,
                                body.eventTypes,
                                body.description != null,
                                body.description == null ? null : body.description.orElse(null),
                                body.active))
                .map(WebhookApi.View::of);
    }

    @DELETE
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @PermissionsAllowed("webhook:write")
    @SecurityRequirement(name = "bearerAuth", scopes = "webhook:write")
    @Operation(
            operationId = "deleteWebhook",
            summary = "Delete a webhook subscription",
            description = "Deletes the subscription and its deliveries; nothing more is sent to it. Owner or admin"
                    + " role.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such subscription in this tenant")
    public Uni<Void> delete(@RestPath String id) {
        requireAdmin();
        return webhooks.delete(Caller.of(token), id);
    }

    @POST
    @Path("/{id}/rotate-secret")
    @PermissionsAllowed("webhook:write")
    @SecurityRequirement(name = "bearerAuth", scopes = "webhook:write")
    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate a webhook's signing secret", description = """
      Replaces the signing secret at once and answers the new one, shown this once; every delivery from now on \
      (retries included) is signed with it. Owner or admin role.""")
    @APIResponse(
            responseCode = "200",
            description = "The subscription with its new secret",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WebhookApi.Created.class),
                            examples = @ExampleObject(name = "rotated", value = WebhookApi.CREATED_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such subscription in this tenant")
    public Uni<WebhookApi.Created> rotateSecret(@RestPath String id) {
        requireAdmin();
        return webhooks.rotateSecret(Caller.of(token), id).map(WebhookApi.Created::of);
    }

    @GET
    @Path("/{id}/deliveries")
    @PermissionsAllowed("webhook:read")
    @SecurityRequirement(name = "bearerAuth", scopes = "webhook:read")
    @Operation(operationId = "listWebhookDeliveries", summary = "List a webhook's deliveries", description = """
      The subscription's deliveries, newest first, each with its attempts (status code, or why no answer came). \
      A failed attempt is retried with exponential backoff for about a day, then the delivery is `failed`; \
      deliveries for one contact are sent in the order of its events. Paginated with `page_token` and \
      `page_size` (1 to 500, default 50). Owner or admin role.""")
    @APIResponse(
            responseCode = "200",
            description = "A page of deliveries",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WebhookApi.DeliveryList.class),
                            examples =
                                    @ExampleObject(
                                            name = "deliveries",
                                            value = "{\"deliveries\": [" + WebhookApi.DELIVERY_EXAMPLE
                                                    + "], \"next_page_token\": null}")))
    @APIResponse(
            responseCode = "400",
            description = "A page_token this list did not issue, or a page_size out of range")
    @APIResponse(responseCode = "404", description = "No such subscription in this tenant")
    public Uni<WebhookApi.DeliveryList> deliveries(
            @RestPath String id,
            @RestQuery("page_token") String pageToken,
            @Parameter(
                            name = "page_size",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            minimum = "1",
                                            maximum = "500",
                                            defaultValue = "50"))
                    @RestQuery("page_size")
                    String pageSize) {
        requireAdmin();
        return Uni.createFrom()
                .deferred(() -> webhooks.deliveries(Caller.of(token), id, PageRequest.of(pageToken, pageSize)))
                .map(WebhookApi.DeliveryList::of);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/retry")
    @PermissionsAllowed("webhook:write")
    @SecurityRequirement(name = "bearerAuth", scopes = "webhook:write")
    @Operation(operationId = "retryWebhookDelivery", summary = "Retry a webhook delivery", description = """
      Sends the delivery again as soon as a sender is free: a pending one at once, a failed or succeeded one \
      with one more attempt. It still waits for earlier pending deliveries of the same contact. The subscription \
      must be active (409 otherwise). Owner or admin role.""")
    @APIResponse(
            responseCode = "202",
            description = "Queued",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WebhookApi.DeliveryView.class),
                            examples = @ExampleObject(name = "delivery", value = WebhookApi.DELIVERY_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such subscription or delivery in this tenant")
    @APIResponse(responseCode = "409", description = "The subscription is not active")
    public Uni<RestResponse<WebhookApi.DeliveryView>> retry(@RestPath String id, @RestPath String deliveryId) {
        requireAdmin();
        return webhooks.retry(Caller.of(token), id, deliveryId)
                .map(delivery -> RestResponse.accepted(WebhookApi.DeliveryView.of(delivery)));
    }

    /** Webhooks send the tenant's data to a URL of the caller's choosing: owners and admins only. */
    private void requireAdmin() {
        if (!identity.hasRole("owner") && !identity.hasRole("admin")) {
            throw new ForbiddenException("Webhooks need the role owner or admin");
        }
    }
}
