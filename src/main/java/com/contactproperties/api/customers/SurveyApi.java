package com.contactproperties.api.customers;

import com.contactproperties.customer.CustomerCommands;
import com.contactproperties.customer.SurveyRequest;
import com.contactproperties.customer.SurveyService;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.FieldError;
import com.contactproperties.platform.paging.Page;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of {@code /api/v2/survey} and {@code /api/v2/survey_requests} (seed 002), snake_case. */
final class SurveyApi {

    static final String REQUEST_EXAMPLE = """
      {"id": "srq_01HV8Z92S0R7M4E5P6Q8T1A2B3", "contact_id": "con_01HV8Y5R5RFMS0TFK6PKF9H2S8", "email": "johnsmith@example.com",
       "campaign": "Onboarding NPS", "send_after": "2026-05-02T09:20:00Z", "status": "queued", "reason": null,
       "created_at": "2026-04-30T09:20:00Z", "updated_at": "2026-04-30T09:20:00Z"}""";

    private SurveyApi() {}

    /** A survey call: the customers, as /customers takes them, the campaign and an optional delay. */
    @Schema(name = "SurveyCall")
    record Call(
            @Schema(required = true) List<CustomerApi.Subscriber> customers,

            @Schema(required = true, example = "Onboarding NPS")
            String campaign,

            @Schema(
                    type = SchemaType.INTEGER,
                    minimum = "0",
                    maximum = "365",
                    description = "Days to wait before sending; 0 when omitted.")
            JsonNode delay) {

        List<CustomerCommands.Subscriber> subscribers() {
            if (customers == null) {
                throw new DomainException.BadRequest(
                        "customers", "is required: send {\"customers\": [...], \"campaign\": ...}");
            }
            return CustomerApi.subscribers(customers);
        }

        /** The delay in whole days; a fraction, text or another type is a 422 naming {@code delay}. */
        Integer delayDays() {
            if (delay == null || delay.isNull()) {
                return null;
            }
            if (!delay.isIntegralNumber() || !delay.canConvertToInt()) {
                throw new DomainException.Invalid(
                        "delay", "must be a whole number of days from 0 to " + SurveyService.MAX_DELAY_DAYS);
            }
            return delay.intValue();
        }
    }

    /** What happened to one customer, and its survey request. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "SurveyCustomerResult")
    record Result(
            String email,

            @Schema(enumeration = {"created", "updated", "failed"})
            String status,

            String contactId,
            List<FieldError> errors,
            List<String> warnings,
            @Schema(nullable = true) String surveyRequestId) {}

    /** The answer of a survey call. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "SurveyAnswer")
    record Answer(List<Result> results, int createdCount, int updatedCount, int failedCount, int queuedCount) {

        static Answer of(SurveyService.Outcome outcome) {
            List<Result> shown = new ArrayList<>();
            for (int i = 0; i < outcome.results().size(); i++) {
                CustomerCommands.Result r = outcome.results().get(i);
                shown.add(new Result(
                        r.email(),
                        r.status(),
                        r.contactId(),
                        r.errors(),
                        r.warnings(),
                        outcome.requestIds().get(i)));
            }
            int queued = (int)
                    shown.stream().filter(r -> r.surveyRequestId() != null).count();
            return new Answer(shown, count(shown, "created"), count(shown, "updated"), count(shown, "failed"), queued);
        }

        private static int count(List<Result> results, String status) {
            return (int) results.stream().filter(r -> r.status().equals(status)).count();
        }
    }

    /** One survey request as the delivering system reads it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "SurveyRequest")
    record View(
            String id,
            String contactId,
            String email,
            String campaign,
            Instant sendAfter,

            @Schema(enumeration = {"queued", "sent", "failed"})
            String status,

            @Schema(nullable = true) String reason,
            Instant createdAt,
            Instant updatedAt) {

        static View of(SurveyRequest r) {
            return new View(
                    r.id(),
                    r.contactId(),
                    r.email(),
                    r.campaign(),
                    r.sendAfter(),
                    r.status(),
                    r.reason(),
                    r.createdAt(),
                    r.updatedAt());
        }
    }

    /** A page of survey requests, oldest first. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "SurveyRequestPage")
    record ListView(
            List<View> surveyRequests,
            @Schema(nullable = true) String nextPageToken) {

        static ListView of(Page<SurveyRequest> page) {
            return new ListView(page.items().stream().map(View::of).toList(), page.nextPageToken());
        }
    }

    /** What the delivering system reports about one request. */
    @Schema(name = "SurveyRequestStatus")
    record Status(
            @Schema(
                    required = true,
                    enumeration = {"sent", "failed"})
            String status,

            @Schema(description = "Why it failed, for the record.", example = "Mailbox full")
            String reason) {}
}
