package com.contactproperties.api.properties;

import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.FieldNames;
import com.contactproperties.property.DefinitionCommands;
import com.contactproperties.property.PropertyDefinition;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of {@code /api/v1/contact_properties} (seed 000): snake_case, wrapped in {@code contact_property}. */
public final class ContactPropertyApi {

    /** Domain field names as this surface's clients send them. */
    static final UnaryOperator<String> FIELDS =
            FieldNames.of("contact_property.", Map.of("type", "property_type", "agentActive", "agent_active"));

    private ContactPropertyApi() {}

    /**
     * The fields a client sends; every one is optional on update. A class, not a record: Jackson
     * leaves an absent field null but gives an explicit null as {@code Optional.empty()}, which is
     * how an update tells "unchanged" from "clear" (records see both as empty).
     */
    @Schema(name = "ContactPropertyFields")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    static final class Fields {
        @Schema(description = "1 to 100 characters; unique per tenant, ignoring case.", example = "Subscription Plan")
        public String title;

        @Schema(
                description = "One of the ten types; `text` when omitted on create.",
                example = "single_choice",
                enumeration = {
                    "text",
                    "number",
                    "date",
                    "email",
                    "phone",
                    "url",
                    "boolean",
                    "list",
                    "single_choice",
                    "multiple_choice"
                })
        public String propertyType;

        @Schema(
                description = "Required for the choice types, refused for the others.",
                example = "[\"Free\", \"Pro\", \"Business\"]")
        public List<String> choices;

        @Schema(description = "Optional; `null` clears it on update.", type = SchemaType.STRING)
        public Optional<String> description;

        @Schema(description = "Let the AI agent detect and fill this property during conversations.")
        public Boolean agentActive;

        @Schema(
                description =
                        "On update: stored choice values to rename, such as {\"Free\": \"Starter\"}; each target must be a new choice.")
        public Map<String, String> choiceRenames;

        DefinitionCommands.Create toCreate() {
            return new DefinitionCommands.Create(
                    title,
                    propertyType == null ? "text" : propertyType,
                    choices,
                    description == null ? null : description.orElse(null),
                    agentActive);
        }

        DefinitionCommands.Change toChange(boolean dryRun) {
            return new DefinitionCommands.Change(
                    title, propertyType, choices, description, agentActive, choiceRenames, dryRun);
        }
    }

    /** The request envelope. */
    @Schema(name = "ContactPropertyRequest")
    record Request(@JsonProperty("contact_property") Fields contactProperty) {

        /** The fields of a request; a missing body or envelope is a 400. */
        static Fields fieldsOf(Request request) {
            if (request == null || request.contactProperty() == null) {
                throw new DomainException.BadRequest(
                        "contact_property", "is required: send {\"contact_property\": {...}}");
            }
            return request.contactProperty();
        }
    }

    /** A property as this surface shows it. */
    @Schema(name = "ContactProperty")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record View(
            @Schema(description = "Generated from the title on creation; never changes.", example = "subscription-plan")
            String slug,

            String title,
            String propertyType,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> choices,
            @Schema(nullable = true) String description,
            boolean agentActive,
            boolean predefined,
            Instant createdAt,
            Instant updatedAt,

            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(
                    description =
                            "Present and true on a number property that holds whole numbers only (created as /api/v2's integer).",
                    nullable = true)
            Boolean integer) {

        public static View of(PropertyDefinition d) {
            return new View(
                    d.slug(),
                    d.title(),
                    d.type().wire(),
                    d.type().hasChoices() ? d.choices() : null,
                    d.description(),
                    d.agentActive(),
                    d.predefined(),
                    d.createdAt(),
                    d.updatedAt(),
                    d.wholeNumber() ? Boolean.TRUE : null);
        }
    }

    /** One property, wrapped; after an update, the retype task it queued or the dry run's report. */
    @Schema(name = "ContactPropertyResponse")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record One(
            @JsonProperty("contact_property") View contactProperty,
            @JsonProperty("retype_task_id") String retypeTaskId,
            @JsonProperty("dry_run") DryRun dryRun) {

        public static One of(PropertyDefinition d) {
            return new One(View.of(d), null, null);
        }

        public static One of(DefinitionCommands.ChangeResult result) {
            return new One(
                    View.of(result.definition()),
                    result.retypeTaskId(),
                    result.dryRun() == null ? null : DryRun.of(result.dryRun()));
        }
    }

    /** What a retype would do: counts and up to 20 samples of each outcome. */
    @Schema(name = "ContactPropertyDryRun")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DryRun(int wouldConvert, int wouldClear, List<Sample> convertSamples, List<Sample> clearSamples) {

        static DryRun of(DefinitionCommands.DryRun d) {
            return new DryRun(
                    d.wouldConvert(), d.wouldClear(), Sample.of(d.convertSamples()), Sample.of(d.clearSamples()));
        }
    }

    /** One value and what a retype would make of it. */
    @Schema(name = "ContactPropertyDryRunSample")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sample(String contactId, JsonNode from, JsonNode to, String reason) {

        static List<Sample> of(List<DefinitionCommands.Sample> samples) {
            return samples.stream()
                    .map(s -> new Sample(s.contactId(), s.from(), s.to(), s.reason()))
                    .toList();
        }
    }

    /** Every live property of the tenant. */
    @Schema(name = "ContactPropertyList")
    public record All(@JsonProperty("contact_properties") List<View> contactProperties) {

        public static All of(List<PropertyDefinition> definitions) {
            return new All(definitions.stream().map(View::of).toList());
        }
    }
}
