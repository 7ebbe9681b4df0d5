package com.contactproperties.api.customers;

import com.contactproperties.customer.CustomerCommands;
import com.contactproperties.customer.CustomerReader;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of {@code POST /api/v2/customers} (seed 002), snake_case. */
final class CustomerApi {

    private CustomerApi() {}

    /** The request. */
    @Schema(name = "CustomerUpsertRequest")
    record Request(List<Subscriber> subscribers) {}

    /** One customer, identified by email. */
    @Schema(name = "CustomerUpsert")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Subscriber(
            @Schema(required = true, example = "johnsmith@example.com")
            String email,

            String firstName,
            String lastName,
            String company,
            List<String> tags,
            List<Property> properties) {}

    /** One property: label, optional type, value ("" or null unassigns it from this customer). */
    @Schema(name = "CustomerProperty")
    record Property(
            @Schema(required = true, example = "Subscription name")
            String label,

            @Schema(enumeration = {"string", "date", "integer", "boolean", "collection"})
            String type,

            @Schema(example = "Free trial") JsonNode value) {}

    /** What happened to one subscriber. */
    @Schema(name = "CustomerUpsertResult")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Result(
            String email,

            @Schema(enumeration = {"created", "updated", "failed"})
            String status,

            String contactId,
            List<FieldError> errors,
            List<String> warnings) {}

    /** The answer. */
    @Schema(name = "CustomerUpsertResponse")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Answer(List<Result> results, int createdCount, int updatedCount, int failedCount) {

        static Answer of(List<CustomerCommands.Result> results) {
            List<Result> shown = results.stream()
                    .map(r -> new Result(r.email(), r.status(), r.contactId(), r.errors(), r.warnings()))
                    .toList();
            return new Answer(shown, count(results, "created"), count(results, "updated"), count(results, "failed"));
        }

        private static int count(List<CustomerCommands.Result> results, String status) {
            return (int) results.stream().filter(r -> r.status().equals(status)).count();
        }
    }

    /** One property of a customer read back: its label, its type and its stored value. */
    @Schema(name = "CustomerPropertyValue")
    record PropertyView(
            @Schema(example = "subscription_name") String label,

            @Schema(
                    description =
                            "string, integer, boolean, collection or date; the product's type name for other properties"
                                    + " (number, email, phone, url, single_choice, multiple_choice).",
                    example = "string")
            String type,

            @Schema(description = "The stored value: any JSON value.", example = "Free trial")
            JsonNode value) {}

    /** A customer read back by email. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Customer")
    record CustomerView(
            String contactId,
            String email,
            String name,
            List<String> tags,
            List<PropertyView> properties,
            java.time.Instant createdAt,
            java.time.Instant updatedAt) {

        static CustomerView of(CustomerReader.Customer c) {
            return new CustomerView(
                    c.contactId(),
                    c.email(),
                    c.name(),
                    c.tags(),
                    c.properties().stream()
                            .map(p -> new PropertyView(p.label(), p.type(), p.value()))
                            .toList(),
                    c.createdAt(),
                    c.updatedAt());
        }
    }

    static List<CustomerCommands.Subscriber> subscribers(Request request) {
        if (request == null || request.subscribers() == null) {
            throw new DomainException.BadRequest("subscribers", "is required: send {\"subscribers\": [...]}");
        }
        return subscribers(request.subscribers());
    }

    /** The domain subscribers of a list of customers, as /customers and /survey send them. */
    static List<CustomerCommands.Subscriber> subscribers(List<Subscriber> subscribers) {
        return subscribers.stream()
                .map(s -> s == null
                        ? null
                        : new CustomerCommands.Subscriber(
                                s.email(),
                                s.firstName(),
                                s.lastName(),
                                s.company(),
                                s.tags(),
                                s.properties() == null
                                        ? null
                                        : s.properties().stream()
                                                .map(p -> p == null
                                                        ? null
                                                        : new CustomerCommands.Property(p.label(), p.type(), p.value()))
                                                .toList()))
                .toList();
    }
}
