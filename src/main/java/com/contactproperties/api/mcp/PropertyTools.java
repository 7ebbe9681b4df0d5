package com.contactproperties.api.mcp;

import com.contactproperties.api.legacy.ContactPropertyApi;
import com.contactproperties.property.DefinitionCommands;
import com.contactproperties.property.DefinitionService;
import com.contactproperties.property.EntityType;
import com.contactproperties.property.PropertyType;
import io.quarkiverse.mcp.server.RawMessage;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The contact-property tools of seed 000, named and shaped as its REST fields. */
public class PropertyTools {

  private static final String SLUG = "The property to act on: its slug (such as subscription-plan); its key, cf_ id, camelCase key or title work too.";

  private final McpAccess access;
  private final DefinitionService definitions;

  PropertyTools(McpAccess access, DefinitionService definitions) {
    this.access = access;
    this.definitions = definitions;
  }

  @Tool(name = "list_contact_properties", structuredContent = true, annotations = @Tool.Annotations(readOnlyHint = true),
      description = """
          Lists every custom property contacts can hold in this workspace: slug, title, property_type, choices, \
          description, agent_active and whether it is predefined. Call this first to learn the slugs the other tools \
          take (bulk_update_contacts, set_contact_property_value, search_contacts filters) and the allowed choices. \
          Requires the scope custom_field:list.""")
  public Uni<ContactPropertyApi.All> listContactProperties(RawMessage call) {
    return access.as(call, "custom_field:list", caller -> definitions.list(caller, EntityType.CONTACT).map(ContactPropertyApi.All::of));
  }

  @Tool(name = "create_contact_property", structuredContent = true, description = """
      Creates a custom property for contacts and returns it with its generated slug (from the title: lower case, \
      words joined by '-'; the slug never changes). Use it when the user wants to track a new piece of information \
      about contacts. Choice types need choices; other types refuse them. A title already in use is an error. \
      Requires the scope custom_field:create.""")
  public Uni<ContactPropertyApi.One> createContactProperty(RawMessage call,
      @ToolArg(description = "Name shown to users, 1 to 100 characters, unique in the workspace ignoring case.") String title,
      @ToolArg(name = "property_type", description = "The value type; text when omitted.", required = false) PropertyType propertyType,
      @ToolArg(description = "Allowed values, required for single_choice and multiple_choice (1 to 1,000, each 1 to 100 characters without commas, unique ignoring case).",
          required = false) List<String> choices,
      @ToolArg(description = "What the property means, for people and agents.", required = false) String description,
      @ToolArg(name = "agent_active", description = "Let the AI agent detect and fill this property during conversations; false when omitted.",
          required = false) Boolean agentActive) {
    return access.as(call, "custom_field:create", caller -> definitions.create(caller, EntityType.CONTACT,
        new DefinitionCommands.Create(title, propertyType == null ? "text" : propertyType.wire(), choices, description, agentActive))
        .map(ContactPropertyApi.One::of));
  }

  @Tool(name = "update_contact_property", structuredContent = true, description = """
      Changes a property's title, type, choices, description or agent_active; arguments left out stay as they are, \
      and the slug never changes. Changing the type or dropping choices converts stored values in a background task \
      (its id is returned as retype_task_id; follow it with get_batch_task); values that cannot convert are cleared \
      and reported as task errors. Use dryRun=true first to see how many values would convert or be cleared. \
      Requires the scope custom_field:update.""")
  public Uni<ContactPropertyApi.One> updateContactProperty(RawMessage call,
      @ToolArg(description = SLUG) String slug,
      @ToolArg(description = "New title, 1 to 100 characters.", required = false) String title,
      @ToolArg(name = "property_type", description = "New value type.", required = false) PropertyType propertyType,
      @ToolArg(description = "The complete new list of choices (choice types only).", required = false) List<String> choices,
      @ToolArg(name = "choice_renames", description = "Stored choice values to rename, such as {\"Free\": \"Starter\"}; each target must be one of the new choices.",
          required = false) Map<String, String> choiceRenames,
      @ToolArg(description = "New description; an empty string clears it.", required = false) String description,
      @ToolArg(name = "agent_active", description = "Whether the AI agent may fill this property.", required = false) Boolean agentActive,
      @ToolArg(name = "dry_run", description = "true: change nothing and report what a type or choice change would do to stored values.",
          required = false) Boolean dryRun) {
    Optional<String> newDescription = description == null ? null : Optional.of(description).filter(d -> !d.isEmpty());
    return access.as(call, "custom_field:update", caller -> definitions.change(caller, EntityType.CONTACT, slug,
        new DefinitionCommands.Change(title, propertyType == null ? null : propertyType.wire(), choices, newDescription,
            agentActive, choiceRenames, Boolean.TRUE.equals(dryRun)))
        .map(ContactPropertyApi.One::of));
  }

  @Tool(name = "delete_contact_property", annotations = @Tool.Annotations(destructiveHint = true), description = """
      Deletes a property: its values disappear from every contact at once and are removed from storage in the \
      background. The predefined email and phone properties cannot be deleted. This cannot be undone; confirm \
      with the user first. Requires the scope custom_field:delete.""")
  public Uni<String> deleteContactProperty(RawMessage call, @ToolArg(description = SLUG) String slug) {
    return access.as(call, "custom_field:delete", caller -> definitions.delete(caller, EntityType.CONTACT, slug)
        .replaceWith("Deleted the contact property '" + slug + "'."));
  }
}
