package com.contactproperties.api.properties;

import com.contactproperties.platform.paging.Page;
import com.contactproperties.webhook.Delivery;
import com.contactproperties.webhook.Subscription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of {@code /api/v1/webhooks}, snake_case. */
public final class WebhookApi {

    static final String EXAMPLE = """
      {"id": "whk_01HV8Z92S0R7M4E5P6Q8T1A2B3", "url": "https://hooks.example.com/contacts",
       "event_types": ["contact.created", "contact.updated"], "description": "CRM mirror", "active": true,
       "disabled_reason": null, "disabled_at": null, "created_at": "2026-04-30T09:00:00Z",
       "updated_at": "2026-04-30T09:00:00Z"}""";

    static final String CREATED_EXAMPLE = """
      {"id": "whk_01HV8Z92S0R7M4E5P6Q8T1A2B3", "url": "https://hooks.example.com/contacts",
       "event_types": ["contact.created", "contact.updated"], "description": "CRM mirror", "active": true,
       "created_at": "2026-04-30T09:00:00Z", "updated_at": "2026-04-30T09:00:00Z",
       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}""";

    static final String DELIVERY_EXAMPLE = """
      {"id": "dlv_8f14e45fceea167a5a36dedd4bea2543", "webhook_id": "whk_01HV8Z92S0R7M4E5P6Q8T1A2B3",
       "event_id": "evt_01HV8Z9C4G1R2S3T4V5W6X7Y8Z", "event_type": "contact.updated",
       "object_id": "con_01HV8Y5R5RFMS0TFK6PKF9H2S8", "status": "succeeded", "attempt_count": 2,
       "next_attempt_at": null, "last_status_code": 200, "last_error": null, "created_at": "2026-04-30T09:00:01Z",
       "completed_at": "2026-04-30T09:00:32Z",
       "attempts": [{"number": 1, "attempted_at": "2026-04-30T09:00:01Z", "status_code": 503,
                     "error": "HTTP 503", "duration_millis": 41},
                    {"number": 2, "attempted_at": "2026-04-30T09:00:31Z", "status_code": 200, "error": null,
                     "duration_millis": 38}]}""";

    private WebhookApi() {}

    /**
     * The fields a client sends; every one is optional on update. A class, not a record: Jackson
     * leaves an absent field null but gives an explicit null as {@code Optional.empty()}, which is
     * how an update tells "unchanged" from "clear".
     */
    @Schema(name = "WebhookFields")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    static final class Fields {
        @Schema(
                description = "Where events are POSTed: an https URL whose host resolves to public addresses only"
                        + " (never loopback, private, link-local, shared or metadata addresses). Required on create.",
                example = "https://hooks.example.com/contacts")
        public String url;

        @Schema(
                description = "Event types to send, or `[\"*\"]` for every type (the default on create).",
                example = "[\"contact.created\", \"contact.updated\"]")
        public List<String> eventTypes;

        @Schema(description = "Up to 500 characters; null clears it.", example = "CRM mirror", nullable = true)
        public Optional<String> description;

        @Schema(
                description = "Whether events are sent (default true). Setting it to true again re-enables a"
                        + " subscription that was disabled, and sends the events that occur from then on.")
        public Boolean active;
    }

    /** A subscription as this surface shows it. */
    @Schema(name = "Webhook")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record View(
            String id,
            String url,
            List<String> eventTypes,
            @Schema(nullable = true) String description,
            boolean active,

            @Schema(
                    nullable = true,
                    description = "Why the service turned the subscription off, when it did: it failed for"
                            + " the whole retry period.")
            String disabledReason,

            @Schema(nullable = true) Instant disabledAt,
            Instant createdAt,
            Instant updatedAt) {

        static View of(Subscription s) {
            return new View(
                    s.id(),
                    s.url(),
                    s.eventTypes(),
                    s.description(),
                    s.active(),
                    s.disabledReason(),
                    s.disabledAt(),
                    s.createdAt(),
                    s.updatedAt());
        }
    }

    /** A subscription with its signing secret, answered only at creation and rotation. */
    @Schema(name = "WebhookWithSecret")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Created(
            String id,
            String url,
            List<String> eventTypes,
            @Schema(nullable = true) String description,
            boolean active,
            Instant createdAt,
            Instant updatedAt,

            @Schema(
                    description = "The signing secret (`whsec_` + base64), shown only in this answer: store it"
                            + " to verify the `webhook-signature` header.",
                    example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
            String secret) {

        static Created of(Subscription.WithSecret created) {
            Subscription s = created.subscription();
            return new Created(
                    s.id(),
                    s.url(),
                    s.eventTypes(),
                    s.description(),
                    s.active(),
                    s.createdAt(),
                    s.updatedAt(),
                    created.secret());
        }
    }

    /** A page of subscriptions, oldest first. */
    @Schema(name = "WebhookList")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ListView(
            List<View> webhooks, @Schema(nullable = true) String nextPageToken) {

        static ListView of(Page<Subscription> page) {
            return new ListView(page.items().stream().map(View::of).toList(), page.nextPageToken());
        }
    }

    /** One HTTP attempt of a delivery. */
    @Schema(name = "WebhookAttempt")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Attempt(
            int number,
            Instant attemptedAt,

            @Schema(nullable = true, description = "The receiver's status code; null when no answer came.")
            Integer statusCode,

            @Schema(
                    nullable = true,
                    description = "Why the attempt failed: the start of an error answer, a refused redirect,"
                            + " a timeout, a refused address.")
            String error,

            long durationMillis) {}

    /** One event sent, or to be sent, to a subscription. */
    @Schema(name = "WebhookDelivery")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DeliveryView(
            String id,
            String webhookId,
            String eventId,
            String eventType,
            String objectId,

            @Schema(enumeration = {"pending", "succeeded", "failed"})
            String status,

            int attemptCount,

            @Schema(nullable = true, description = "When a pending delivery is next attempted.")
            Instant nextAttemptAt,

            @Schema(nullable = true) Integer lastStatusCode,
            @Schema(nullable = true) String lastError,
            Instant createdAt,
            @Schema(nullable = true) Instant completedAt,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<Attempt> attempts) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(
                    d.id(),
                    d.subscriptionId(),
                    d.eventId(),
                    d.eventType(),
                    d.objectId(),
                    d.status().wire(),
                    d.attemptCount(),
                    d.nextAttemptAt(),
                    d.lastStatusCode(),
                    d.lastError(),
                    d.createdAt(),
                    d.completedAt(),
                    d.attempts().stream()
                            .map(a -> new Attempt(
                                    a.number(), a.attemptedAt(), a.statusCode(), a.error(), a.durationMillis()))
                            .toList());
        }
    }

    /** A page of a subscription's deliveries, newest first. */
    @Schema(name = "WebhookDeliveryList")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DeliveryList(
            List<DeliveryView> deliveries,
            @Schema(nullable = true) String nextPageToken) {

        static DeliveryList of(Page<Delivery> page) {
            return new DeliveryList(page.items().stream().map(DeliveryView::of).toList(), page.nextPageToken());
        }
    }
}
