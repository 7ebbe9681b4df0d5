package com.contactproperties.api.contacts;

import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.FieldNames;
import com.contactproperties.property.DefinitionCommands;
import com.contactproperties.property.PropertyDefinition;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of {@code /v1/contacts/custom-fields} and {@code /v1/properties/custom-fields} (seed 003). */
final class CustomFieldApi {

    /** Domain field names as this surface's clients send them. */
    static final UnaryOperator<String> FIELDS = FieldNames.of("", Map.of("title", "name"));

    private static final String TYPES =
            "text, number, date, email, phone, url, boolean, list, single_choice, multiple_choice";

    private CustomFieldApi() {}

    /** A definition to create. */
    @Schema(name = "CustomFieldCreateRequest")
    record Create(
            @Schema(
                    required = true,
                    description = "Human-readable label, 1 to 100 characters.",
                    example = "Lifecycle stage")
            String name,

            @Schema(required = true, description = "Value type accepted by the field: " + TYPES + ".", example = "text")
            String type,

            @Schema(description = "Required for single_choice and multiple_choice, refused otherwise.")
            List<String> choices,

            String description,
            Boolean agentActive) {

        static DefinitionCommands.Create of(Create body) {
            if (body == null) {
                throw new DomainException.BadRequest(
                        "body", "is required: send {\"name\": \"...\", \"type\": \"...\"}");
            }
            return new DefinitionCommands.Create(
                    body.name, body.type, body.choices, body.description, body.agentActive);
        }
    }

    /**
     * Changes to a definition: fields omitted stay as they are. A class, not a record, so that an
     * absent {@code description} (null) differs from an explicit null ({@code Optional.empty()}).
     */
    @Schema(name = "CustomFieldUpdateRequest")
    static final class Patch {
        @Schema(description = "New label.", example = "Region")
        public String name;

        @Schema(description = "New value type: " + TYPES + ".", example = "text")
        public String type;

        public List<String> choices;

        @Schema(type = SchemaType.STRING, description = "`null` clears it.")
        public Optional<String> description;

        public Boolean agentActive;

        @Schema(
                description =
                        "Stored choice values to rename, such as {\"Free\": \"Starter\"}; each target must be a new choice.")
        public Map<String, String> choiceRenames;

        static DefinitionCommands.Change of(Patch body, boolean dryRun) {
            if (body == null) {
                throw new DomainException.BadRequest("body", "is required");
            }
            return new DefinitionCommands.Change(
                    body.name, body.type, body.choices, body.description, body.agentActive, body.choiceRenames, dryRun);
        }
    }

    /** A definition as this surface shows it. */
    @Schema(name = "CustomField")
    record View(
            @Schema(example = "cf_lifecycle_stage") String id,
            String name,
            String type,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> choices,
            @Schema(nullable = true) String description,
            boolean agentActive,
            Instant createdAt,
            String createdBy,
            Instant updatedAt,
            boolean predefined,
            @Schema(enumeration = {"contact", "property"}) String entityType,

            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "After an update: the retype task it queued.")
            String retypeTaskId,

            @JsonInclude(JsonInclude.Include.NON_NULL) DryRun dryRun,

            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(
                    description =
                            "Present and true on a number field that holds whole numbers only (created as /api/v2's integer).",
                    nullable = true)
            Boolean integer) {

        static View of(PropertyDefinition d) {
            return new View(
                    d.id(),
                    d.title(),
                    d.type().wire(),
                    d.type().hasChoices() ? d.choices() : null,
                    d.description(),
                    d.agentActive(),
                    d.createdAt(),
                    d.createdBy(),
                    d.updatedAt(),
                    d.predefined(),
                    d.entityType().wire(),
                    null,
                    null,
                    d.wholeNumber() ? Boolean.TRUE : null);
        }

        static View of(DefinitionCommands.ChangeResult result) {
            PropertyDefinition d = result.definition();
            return new View(
                    d.id(),
                    d.title(),
                    d.type().wire(),
                    d.type().hasChoices() ? d.choices() : null,
                    d.description(),
                    d.agentActive(),
                    d.createdAt(),
                    d.createdBy(),
                    d.updatedAt(),
                    d.predefined(),
                    d.entityType().wire(),
                    result.retypeTaskId(),
                    DryRun.of(result.dryRun()),
                    d.wholeNumber() ? Boolean.TRUE : null);
        }
    }

    /** What a retype would do: counts and up to 20 samples of each outcome. */
    @Schema(name = "CustomFieldDryRun", description = "After a dry run: what a retype would do.")
    record DryRun(int wouldConvert, int wouldClear, List<Sample> convertSamples, List<Sample> clearSamples) {

        static DryRun of(DefinitionCommands.DryRun d) {
            return d == null
                    ? null
                    : new DryRun(
                            d.wouldConvert(),
                            d.wouldClear(),
                            Sample.of(d.convertSamples()),
                            Sample.of(d.clearSamples()));
        }
    }

    /** One stored value and what a retype would make of it. */
    @Schema(name = "CustomFieldDryRunSample")
    record Sample(String contactId, JsonNode from, JsonNode to, String reason) {

        static List<Sample> of(List<DefinitionCommands.Sample> samples) {
            return samples.stream()
                    .map(s -> new Sample(s.contactId(), s.from(), s.to(), s.reason()))
                    .toList();
        }
    }

    /** Every live definition of the entity type. */
    @Schema(name = "CustomFieldList")
    record All(List<View> customFields) {

        static All of(List<PropertyDefinition> definitions) {
            return new All(definitions.stream().map(View::of).toList());
        }
    }
}
