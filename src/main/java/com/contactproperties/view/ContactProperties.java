package com.contactproperties.view;

import com.contactproperties.property.DefinitionCommands;
import com.contactproperties.property.PropertyDefinition;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Contact properties as seed 000 shows them (snake_case): the answer of {@code /api/v1/contact_properties}
 * and of the MCP property tools alike, kept here so that neither surface imports the other.
 */
public final class ContactProperties {

    private ContactProperties() {}

    /** A property as seed 000 shows it. */
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

        public static DryRun of(DefinitionCommands.DryRun d) {
            return new DryRun(
                    d.wouldConvert(), d.wouldClear(), Sample.of(d.convertSamples()), Sample.of(d.clearSamples()));
        }
    }

    /** One value and what a retype would make of it. */
    @Schema(name = "ContactPropertyDryRunSample")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sample(String contactId, JsonNode from, JsonNode to, String reason) {

        public static List<Sample> of(List<DefinitionCommands.Sample> samples) {
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
