package com.contactproperties.api.mcp;

import com.contactproperties.property.DefinitionService;
import com.contactproperties.property.EntityType;
import com.contactproperties.view.ContactProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkiverse.mcp.server.RequestUri;
import io.quarkiverse.mcp.server.Resource;
import io.quarkiverse.mcp.server.TextResourceContents;
import io.smallrye.mutiny.Uni;

/** Read-only context an agent can load before acting: the workspace's properties and the rules of their types. */
public class ContextResources {

    static final String TYPE_RULES = """
      # Property value types

      Every value written to a contact property goes through its property's type. `null` or `""` clears \
      a value on that contact only.

      | property_type | accepted input | stored as |
      |---|---|---|
      | text | any string up to 10,000 characters; a number or boolean becomes its text | string |
      | number | JSON number or numeric string (no NaN or Infinity) | number |
      | date | YYYY-MM-DD; RFC 3339 with offset or Z (normalised to UTC); YYYY-MM-DDTHH:MM[:SS] without offset (tenant time zone); MM/DD/YYYY; YYYY/MM/DD. DD/MM/YYYY is refused | YYYY-MM-DD, or RFC 3339 UTC when a time was given |
      | email | an email address | trimmed, domain lower-cased |
      | phone | E.164 such as +48601234567, or a national number in the tenant's default region | E.164 |
      | url | absolute http or https URL | trimmed string |
      | boolean | true/false, 1/0, yes/no, y/n in any case | boolean |
      | list | array of strings, or one comma-separated string | array of trimmed, non-empty strings |
      | single_choice | one of the property's choices, ignoring case | the choice as defined |
      | multiple_choice | array or comma-separated string of choices | array of choices, de-duplicated |

      Properties are named by slug (subscription-plan); the key (subscription_plan), the id \
      (cf_subscription_plan), the camelCase key (subscriptionPlan) and the title are accepted too.
      """;

    private final McpAccess access;
    private final DefinitionService definitions;
    private final ObjectMapper json;

    ContextResources(McpAccess access, DefinitionService definitions, ObjectMapper json) {
        this.access = access;
        this.definitions = definitions;
        this.json = json;
    }

    @Resource(
            uri = "contacts://properties",
            name = "contact_properties",
            mimeType = "application/json",
            description = """
      Every custom property of this workspace's contacts (slug, title, property_type, choices, description, \
      agent_active, predefined), as list_contact_properties returns them. Requires the scope custom_field:list.""")
    public Uni<TextResourceContents> properties(RequestUri uri) {
        return access.read(
                "custom_field:list",
                caller -> definitions
                        .list(caller, EntityType.CONTACT)
                        .map(all -> new TextResourceContents(
                                uri.value(), write(ContactProperties.All.of(all)), "application/json")));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A resource could not be written as JSON", e);
        }
    }

    @Resource(
            uri = "contacts://type-rules",
            name = "property_type_rules",
            mimeType = "text/markdown",
            description = """
      The ten property types: what input each accepts, how it is stored and what is refused.""")
    public TextResourceContents typeRules(RequestUri uri) {
        return new TextResourceContents(uri.value(), TYPE_RULES, "text/markdown");
    }
}
