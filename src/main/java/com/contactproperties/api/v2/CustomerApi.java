package com.contactproperties.api.v2;

import com.contactproperties.customer.CustomerCommands;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.FieldError;
import com.contactproperties.platform.idempotency.Idempotency;
import com.contactproperties.platform.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
  record Subscriber(@Schema(required = true, example = "johnsmith@example.com") String email, String firstName, String lastName,
      String company, List<String> tags, List<Property> properties) {}

  /** One property: label, optional type, value ("" or null unassigns it from this customer). */
  @Schema(name = "CustomerProperty")
  record Property(@Schema(required = true, example = "Subscription name") String label,
      @Schema(enumeration = {"string", "date", "integer", "boolean", "collection"}) String type,
      @Schema(example = "Free trial") JsonNode value) {}

  /** What happened to one subscriber. */
  @Schema(name = "CustomerUpsertResult")
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Result(String email, @Schema(enumeration = {"created", "updated", "failed"}) String status, String contactId,
      List<FieldError> errors, List<String> warnings) {}

  /** The answer. */
  @Schema(name = "CustomerUpsertResponse")
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Answer(List<Result> results, int createdCount, int updatedCount, int failedCount) {

    static Idempotency.Answer render(List<CustomerCommands.Result> results) {
      List<Result> shown = results.stream().map(r -> new Result(r.email(), r.status(), r.contactId(), r.errors(), r.warnings())).toList();
      return new Idempotency.Answer(200, Json.write(new Answer(shown, count(results, "created"), count(results, "updated"),
          count(results, "failed"))));
    }

    private static int count(List<CustomerCommands.Result> results, String status) {
      return (int) results.stream().filter(r -> r.status().equals(status)).count();
    }
  }

  static List<CustomerCommands.Subscriber> subscribers(Request request) {
    if (request == null || request.subscribers() == null) {
      throw new DomainException.BadRequest("subscribers", "is required: send {\"subscribers\": [...]}");
    }
    return request.subscribers().stream().map(s -> s == null ? null : new CustomerCommands.Subscriber(s.email(), s.firstName(),
        s.lastName(), s.company(), s.tags(), s.properties() == null ? null : s.properties().stream()
            .map(p -> p == null ? null : new CustomerCommands.Property(p.label(), p.type(), p.value())).toList())).toList();
  }
}
