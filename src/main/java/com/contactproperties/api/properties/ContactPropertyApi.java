package com.contactproperties.api.properties;

import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.FieldNames;
import com.contactproperties.property.DefinitionCommands;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
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
}
