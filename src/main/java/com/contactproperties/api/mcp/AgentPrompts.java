package com.contactproperties.api.mcp;

import com.contactproperties.property.DefinitionService;
import com.contactproperties.property.EntityType;
import com.contactproperties.property.PropertyDefinition;
import io.quarkiverse.mcp.server.Prompt;
import io.quarkiverse.mcp.server.PromptMessage;
import io.quarkiverse.mcp.server.PromptResponse;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * What agent_active means (seed 000): the prompt an agent loads to know which properties of this
 * workspace to detect and fill during a conversation, built from the live definitions each time.
 */
public class AgentPrompts {

    private final McpAccess access;
    private final DefinitionService definitions;

    AgentPrompts(McpAccess access, DefinitionService definitions) {
        this.access = access;
        this.definitions = definitions;
    }

    @Prompt(name = "fill_contact_properties", title = "Fill contact properties from a conversation", description = """
      The workspace's agent-active contact properties (title, slug, type, choices, description) and how to record \
      what the conversation reveals about them with set_contact_property_value. Requires the scope custom_field:list.""")
    public Uni<PromptResponse> fillContactProperties() {
        return access.read(
                "custom_field:list",
                caller -> definitions
                        .list(caller, EntityType.CONTACT)
                        .map(all -> PromptResponse.withMessages(PromptMessage.withUserRole(text(all.stream()
                                .filter(PropertyDefinition::agentActive)
                                .toList())))));
    }

    private static String text(List<PropertyDefinition> active) {
        if (active.isEmpty()) {
            return "No contact property of this workspace is agent-active, so there is nothing to detect or fill. "
                    + "A user can mark one with update_contact_property (agent_active: true).";
        }
        StringBuilder text = new StringBuilder("""
        While you talk with a contact, listen for the facts below. When the contact states one clearly, record it \
        with set_contact_property_value (id: the contact's id, slug: the property's slug, value: in the property's \
        type); do not guess, and do not overwrite a value the contact did not change. The type rules are in the \
        resource contacts://type-rules.

        """);
        for (PropertyDefinition d : active) {
            text.append("- ")
                    .append(d.title())
                    .append(" (slug: ")
                    .append(d.slug())
                    .append(", type: ")
                    .append(d.type().wire());
            if (d.type().hasChoices()) {
                text.append(", one")
                        .append(d.type().wire().startsWith("multiple") ? " or more" : "")
                        .append(" of: ")
                        .append(String.join(", ", d.choices()));
            }
            text.append(")");
            if (d.description() != null && !d.description().isBlank()) {
                text.append(": ").append(d.description());
            }
            text.append('\n');
        }
        return text.toString();
    }
}
