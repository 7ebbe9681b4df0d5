package com.contactproperties.api.properties;

import com.contactproperties.event.EventTypes;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Documents each event type as a schema of its own ({@code ContactUpdatedEvent}, ...): the
 * {@code Event} envelope with its {@code type} fixed and its {@code data} described, for the feed's
 * readers and for webhook receivers, who get the same JSON.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class EventOpenApiFilter implements OASFilter {

    private static final String SCHEMAS = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(OASFactory.createComponents());
        }
        var components = openApi.getComponents();
        components.addSchema("FieldChange", fieldChange());
        components.addSchema("ContactEventData", contactData());
        components.addSchema("PropertyEventData", propertyData());
        components.addSchema("TaskEventData", taskData());
        components.addSchema("SurveyRequestedEventData", surveyData());
        for (String type : EventTypes.ALL) {
            components.addSchema(schemaName(type), event(type));
        }
    }

    /** {@code contact.updated} is {@code ContactUpdatedEvent}. */
    static String schemaName(String type) {
        return Arrays.stream(type.split("\\."))
                        .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                        .collect(Collectors.joining())
                + "Event";
    }

    private static Schema event(String type) {
        String data = type.startsWith("contact.")
                ? "ContactEventData"
                : type.startsWith("property.")
                        ? "PropertyEventData"
                        : type.startsWith("survey.") ? "SurveyRequestedEventData" : "TaskEventData";
        return OASFactory.createSchema()
                .description("An event of type `" + type + "`.")
                .addAllOf(ref("Event"))
                .addAllOf(object(Map.of(
                        "type", text().enumeration(List.of(type)),
                        "data", ref(data))));
    }

    private static Schema fieldChange() {
        return object(Map.of("old", ref("CustomValue"), "new", ref("CustomValue")))
                .description("A field's stored value before and after the change; null when it had or has none.");
    }

    private static Schema changes() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .additionalPropertiesSchema(ref("FieldChange"))
                .description("Each changed field (custom values as `custom_fields.<key>`; the stored identities as"
                        + " `identities`, a sorted list of `{channel, metadata}` without ids) and its old and new"
                        + " value.");
    }

    private static Schema contactData() {
        return object(Map.of("changes", changes()))
                .description("A contact's changes: on creation every field it was created with (old null); on"
                        + " archiving, unarchiving and deletion `archived_at` or `deleted_at`.");
    }

    private static Schema propertyData() {
        Schema retype = object(Map.of(
                        "task_id", text(),
                        "converted", integer(),
                        "cleared", integer(),
                        "processed", integer()))
                .description("Present when a retype task finished: the values it converted and cleared.");
        return object(Map.of(
                        "key", text(),
                        "entity_type", text().enumeration(List.of("contact", "property")),
                        "changes", changes(),
                        "retype", retype))
                .description("A property definition's changed fields (title, type, choices, description,"
                        + " agent_active, whole_number, deleted_at).");
    }

    private static Schema taskData() {
        return object(Map.ofEntries(
                        Map.entry(
                                "task_type",
                                text().enumeration(
                                                List.of("bulk_update", "import", "property_purge", "property_retype"))),
                        Map.entry("status", text().enumeration(List.of("completed", "failed", "cancelled"))),
                        Map.entry("total", integer()),
                        Map.entry("processed", integer()),
                        Map.entry("succeeded", integer()),
                        Map.entry("failed", integer()),
                        Map.entry("created", integer()),
                        Map.entry("updated", integer()),
                        Map.entry("errors", integer()),
                        Map.entry("dry_run", OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN))))
                .description("A batch task's counts when it ended (an import's too).");
    }

    private static Schema surveyData() {
        return object(Map.of(
                        "contact_id", text(),
                        "email", text(),
                        "campaign", text(),
                        "send_after", text().format("date-time"),
                        "status", text()))
                .description("The survey request queued for a customer.");
    }

    private static Schema object(Map<String, Schema> properties) {
        Schema schema = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT);
        properties.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> schema.addProperty(e.getKey(), e.getValue()));
        return schema;
    }

    private static Schema ref(String name) {
        return OASFactory.createSchema().ref(SCHEMAS + name);
    }

    private static Schema text() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }

    private static Schema integer() {
        return OASFactory.createSchema().addType(Schema.SchemaType.INTEGER);
    }
}
