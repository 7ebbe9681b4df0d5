package com.contactproperties.api.mcp;

import com.contactproperties.platform.security.Caller;
import com.contactproperties.property.DefinitionCommands;
import com.contactproperties.property.DefinitionService;
import com.contactproperties.property.EntityType;
import com.contactproperties.property.PropertyType;
import com.contactproperties.view.ContactProperties;
import io.quarkiverse.mcp.server.RawMessage;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolGuardrails;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The contact-property tools of seed 000, named and shaped as its REST fields. */
public class PropertyTools {

    private static final String SLUG =
            "The property to act on: its slug (such as subscription-plan); its key, cf_ id, camelCase key or title work too.";
    private static final int SAMPLES = 5;

    private final McpAccess access;
    private final DefinitionService definitions;

    PropertyTools(McpAccess access, DefinitionService definitions) {
        this.access = access;
        this.definitions = definitions;
    }

    @Tool(
            name = "list_contact_properties",
            title = "List contact properties",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = true,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            description = """
          Lists every custom property contacts can hold in this workspace: slug, title, property_type, choices, \
          description, agent_active and whether it is predefined. Call this first to learn the slugs the other tools \
          take (bulk_update_contacts, set_contact_property_value, search_contacts custom_fields) and the allowed \
          choices; agent_active: true lists only the properties the agent should detect and fill in conversations. \
          Requires the scope custom_field:list.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<ContactProperties.All> listContactProperties(
            RawMessage call,
            @ToolArg(
                            name = "agent_active",
                            description = "true: only agent-active properties; false: only the others; left out: all.",
                            required = false)
                    Boolean agentActive) {
        return access.as(
                call,
                "custom_field:list",
                caller -> definitions
                        .list(caller, EntityType.CONTACT)
                        .map(all -> ContactProperties.All.of(all.stream()
                                .filter(d -> agentActive == null || d.agentActive() == agentActive)
                                .toList())));
    }

    @Tool(
            name = "get_contact_property",
            title = "Get a contact property",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = true,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            description = """
          Reads one property by slug (or key, title): property_type, choices, description, agent_active. Requires the \
          scope custom_field:list.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<ContactProperties.One> getContactProperty(RawMessage call, @ToolArg(description = SLUG) String slug) {
        return access.as(
                call,
                "custom_field:list",
                caller -> definitions.get(caller, EntityType.CONTACT, slug).map(ContactProperties.One::of));
    }

    @Tool(
            name = "create_contact_property",
            title = "Create a contact property",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = false,
                            destructiveHint = false,
                            idempotentHint = false,
                            openWorldHint = false),
            description = """
      Creates a custom property for contacts and returns it with its generated slug (from the title: lower case, \
      words joined by '-'; the slug never changes). Use it when the user wants to track a new piece of information \
      about contacts. Choice types need choices; other types refuse them. A title already in use is an error. \
      Requires the scope custom_field:create.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<ContactProperties.One> createContactProperty(
            RawMessage call,
            @ToolArg(description = "Name shown to users, 1 to 100 characters, unique in the workspace ignoring case.")
                    String title,
            @ToolArg(name = "property_type", description = "The value type; text when omitted.", required = false)
                    PropertyType propertyType,
            @ToolArg(
                            description =
                                    "Allowed values, required for single_choice and multiple_choice (1 to 1,000, each 1 to 100 characters without commas, unique ignoring case).",
                            required = false)
                    List<String> choices,
            @ToolArg(description = "What the property means, for people and agents.", required = false)
                    String description,
            @ToolArg(
                            name = "agent_active",
                            description =
                                    "Let the AI agent detect and fill this property during conversations; false when omitted.",
                            required = false)
                    Boolean agentActive) {
        return access.as(
                call,
                "custom_field:create",
                caller -> definitions
                        .create(
                                caller,
                                EntityType.CONTACT,
                                new DefinitionCommands.Create(
                                        title,
                                        propertyType == null ? "text" : propertyType.wire(),
                                        choices,
                                        description,
                                        agentActive))
                        .map(ContactProperties.One::of));
    }

    @Tool(
            name = "update_contact_property",
            title = "Update a contact property",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = false,
                            destructiveHint = true,
                            idempotentHint = true,
                            openWorldHint = false),
            description = """
      Changes a property's title, property_type, choices, description or agent_active; arguments left out stay as \
      they are, and the slug never changes. Changing property_type or dropping choices converts stored values in a \
      background task (retype_task_id; follow it with get_batch_task). A change that would clear values that cannot \
      convert changes nothing and answers confirmation_required with the dry_run report: call again with \
      confirm: true once the user agrees. dry_run: true only reports. Requires the scope custom_field:update.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<PropertyAnswers.Change> updateContactProperty(
            RawMessage call,
            @ToolArg(description = SLUG) String slug,
            @ToolArg(description = "New title, 1 to 100 characters.", required = false) String title,
            @ToolArg(name = "property_type", description = "New value type.", required = false)
                    PropertyType propertyType,
            @ToolArg(description = "The complete new list of choices (choice types only).", required = false)
                    List<String> choices,
            @ToolArg(
                            name = "choice_renames",
                            description =
                                    "Stored choice values to rename, such as {\"Free\": \"Starter\"}; each target must be one of the new choices.",
                            required = false)
                    Map<String, String> choiceRenames,
            @ToolArg(description = "New description; an empty string clears it.", required = false) String description,
            @ToolArg(
                            name = "agent_active",
                            description = "Whether the AI agent may fill this property.",
                            required = false)
                    Boolean agentActive,
            @ToolArg(
                            name = "dry_run",
                            description =
                                    "true: change nothing and report what a property_type or choices change would do to stored values.",
                            required = false)
                    Boolean dryRun,
            @ToolArg(
                            description =
                                    "true: apply a change even though it clears stored values (after the user agreed).",
                            required = false)
                    Boolean confirm) {
        Optional<String> newDescription =
                description == null ? null : Optional.of(description).filter(d -> !d.isEmpty());
        DefinitionCommands.Change change = new DefinitionCommands.Change(
                title,
                propertyType == null ? null : propertyType.wire(),
                choices,
                newDescription,
                agentActive,
                choiceRenames,
                Boolean.TRUE.equals(dryRun));
        boolean mayClear =
                !change.dryRun() && !Boolean.TRUE.equals(confirm) && (propertyType != null || choices != null);
        return access.as(
                call,
                "custom_field:update",
                caller -> !mayClear
                        ? apply(caller, slug, change)
                        : definitions
                                .change(caller, EntityType.CONTACT, slug, asDryRun(change))
                                .map(ContactProperties.One::of)
                                .flatMap(report -> report.dryRun() != null
                                                && report.dryRun().wouldClear() > 0
                                        ? Uni.createFrom().item(PropertyAnswers.Change.confirm(report))
                                        : apply(caller, slug, change)));
    }

    private Uni<PropertyAnswers.Change> apply(Caller caller, String slug, DefinitionCommands.Change change) {
        return definitions
                .change(caller, EntityType.CONTACT, slug, change)
                .map(ContactProperties.One::of)
                .map(PropertyAnswers.Change::of);
    }

    private static DefinitionCommands.Change asDryRun(DefinitionCommands.Change c) {
        return new DefinitionCommands.Change(
                c.title(), c.type(), c.choices(), c.description(), c.agentActive(), c.choiceRenames(), true);
    }

    @Tool(
            name = "delete_contact_property",
            title = "Delete a contact property",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = false,
                            destructiveHint = true,
                            idempotentHint = false,
                            openWorldHint = false),
            description = """
      Deletes a property and its values on every contact, for good. Without confirm: true it deletes nothing and \
      answers what it would remove (values_count and a few samples) with confirmation_required; show that to the \
      user and call again with confirm: true once they agree. The predefined email and phone properties cannot be \
      deleted. Requires the scope custom_field:delete.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<PropertyAnswers.Deletion> deleteContactProperty(
            RawMessage call,
            @ToolArg(description = SLUG) String slug,
            @ToolArg(
                            description = "true: delete now (after the user agreed to what the first call reported).",
                            required = false)
                    Boolean confirm) {
        return access.as(
                call,
                "custom_field:delete",
                caller -> definitions
                        .previewDelete(caller, EntityType.CONTACT, slug, SAMPLES)
                        .flatMap(preview -> !Boolean.TRUE.equals(confirm)
                                ? Uni.createFrom().item(PropertyAnswers.Deletion.preview(preview))
                                : definitions
                                        .delete(caller, EntityType.CONTACT, slug)
                                        .replaceWith(PropertyAnswers.Deletion.done(preview))));
    }
}
