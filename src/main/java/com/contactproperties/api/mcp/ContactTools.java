package com.contactproperties.api.mcp;

import com.contactproperties.contact.ContactCommands;
import com.contactproperties.contact.ContactService;
import com.contactproperties.platform.json.Json;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkiverse.mcp.server.RawMessage;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolGuardrails;
import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One contact at a time: read, create, change, set one value, archive; each mirrors its /v1/contacts operation. */
public class ContactTools {

    static final String ID = "The contact's id, such as con_01HV8Y5R5RFMS0TFK6PKF9H2S8.";
    private static final String VALUES = """
      Custom values by property slug (see list_contact_properties), such as {"plan": "Pro", "score": 12}; each must \
      fit its property's type (see the resource contacts://type-rules).""";

    private final McpAccess access;
    private final ContactService contacts;

    ContactTools(McpAccess access, ContactService contacts) {
        this.access = access;
        this.contacts = contacts;
    }

    /** The statuses a client may set; active and archived follow from the contact's state. */
    public enum Status {
        @JsonProperty("auto")
        AUTO,
        @JsonProperty("optout")
        OPTOUT,
        @JsonProperty("spam")
        SPAM
    }

    /** An identity of a contact on one channel. */
    public record IdentityArg(
            @JsonPropertyDescription("The channel.") SearchFilter.Channel channel,

            @JsonPropertyDescription("The channel's data, such as {\"phoneNumber\": \"+48601234567\"}.")
            Map<String, Object> metadata) {

        static List<ContactCommands.IdentityInput> toCommands(List<IdentityArg> identities) {
            return identities == null
                    ? null
                    : identities.stream()
                            .map(i -> i == null
                                    ? null
                                    : new ContactCommands.IdentityInput(
                                            WireNames.of(i.channel()), Json.MAPPER.valueToTree(i.metadata())))
                            .toList();
        }
    }

    @Tool(
            name = "get_contact",
            title = "Get a contact",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = true,
                            destructiveHint = false,
                            idempotentHint = true,
                            openWorldHint = false),
            description = """
          Reads one contact by id (con_...): name, email, phone, username, language, status, folder_ids, tag_ids, \
          identities and custom_fields keyed by property key. Requires the scope contact:read.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<McpViews.Contact> getContact(RawMessage call, @ToolArg(description = ID) String id) {
        return access.as(
                call, "contact:read", caller -> contacts.get(caller, id).map(McpViews.Contact::of));
    }

    @Tool(
            name = "create_contact",
            title = "Create a contact",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = false,
                            destructiveHint = false,
                            idempotentHint = false,
                            openWorldHint = false),
            description = """
          Creates one contact; every argument is optional. email and username must not belong to another live \
          contact. Returns the contact with its id. Requires the scope contact:create.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<McpViews.Contact> createContact(
            RawMessage call,
            @ToolArg(description = "Display name.", required = false) String name,
            @ToolArg(description = "Email address.", required = false) String email,
            @ToolArg(description = "Username, unique ignoring case.", required = false) String username,
            @ToolArg(description = "Phone in E.164, such as +48601234567.", required = false) String phone,
            @ToolArg(description = "ISO 639-1 language code such as en.", required = false) String language,
            @ToolArg(description = "auto (let the system decide), optout or spam.", required = false) Status status,
            @ToolArg(description = "Identities on messaging channels.", required = false) List<IdentityArg> identities,
            @ToolArg(name = "tag_ids", description = "Tags to attach (tag_..., see list_tags).", required = false)
                    List<String> tagIds,
            @ToolArg(name = "custom_fields", description = VALUES, required = false) Map<String, Object> customFields) {
        return access.as(
                call,
                "contact:create",
                caller -> contacts.create(
                                caller,
                                new ContactCommands.Create(
                                        name,
                                        email,
                                        username,
                                        phone,
                                        language,
                                        WireNames.of(status),
                                        IdentityArg.toCommands(identities),
                                        tagIds,
                                        values(customFields)))
                        .map(McpViews.Contact::of));
    }

    @Tool(
            name = "update_contact",
            title = "Update a contact",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = false,
                            destructiveHint = true,
                            idempotentHint = true,
                            openWorldHint = false),
            description = """
          Changes one contact: arguments left out stay as they are, "" clears a field. custom_fields merge into the \
          stored values (null or "" clears one); identities, when given, replace all of the contact's identities. \
          Returns the updated contact. Folders are set with bulk_update_contacts (folder_ids). Requires the scope \
          contact:update.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<McpViews.Contact> updateContact(
            RawMessage call,
            @ToolArg(description = ID) String id,
            @ToolArg(description = "New display name; \"\" clears it.", required = false) String name,
            @ToolArg(description = "New email; \"\" clears it.", required = false) String email,
            @ToolArg(description = "New username; \"\" clears it.", required = false) String username,
            @ToolArg(description = "New phone in E.164; \"\" clears it.", required = false) String phone,
            @ToolArg(description = "New ISO 639-1 language code; \"\" clears it.", required = false) String language,
            @ToolArg(description = "auto, optout or spam.", required = false) Status status,
            @ToolArg(description = "Replaces every identity of the contact; [] removes them all.", required = false)
                    List<IdentityArg> identities,
            @ToolArg(name = "custom_fields", description = VALUES + " null or \"\" clears one.", required = false)
                    Map<String, Object> customFields) {
        return access.as(
                call,
                "contact:update",
                caller -> contacts.change(
                                caller,
                                id,
                                new ContactCommands.Change(
                                        change(name),
                                        change(email),
                                        change(username),
                                        change(phone),
                                        change(language),
                                        change(WireNames.of(status)),
                                        IdentityArg.toCommands(identities),
                                        values(customFields)))
                        .map(McpViews.Contact::of));
    }

    @Tool(
            name = "set_contact_property_value",
            title = "Set one contact property value",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = false,
                            destructiveHint = true,
                            idempotentHint = true,
                            openWorldHint = false),
            description = """
          Sets one custom property value on one contact at once (no background task), or clears it with null or "". \
          The value must fit the property's type: a number for number, true/false for boolean, YYYY-MM-DD for date, \
          one of the choices for single_choice, a list of choices for multiple_choice. Returns the updated contact. \
          For many contacts use bulk_update_contacts. Requires the scope contact:update.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<McpViews.Contact> setContactPropertyValue(
            RawMessage call,
            @ToolArg(description = "The contact's id (con_...).") String id,
            @ToolArg(description = "The property: slug, key or title.") String slug,
            @ToolArg(description = "The new value; null or \"\" clears it.", required = false) Object value) {
        return access.as(
                call,
                "contact:update",
                caller -> contacts.setValue(caller, id, slug, Json.MAPPER.valueToTree(value))
                        .flatMap(ignored -> contacts.get(caller, id))
                        .map(McpViews.Contact::of));
    }

    @Tool(
            name = "archive_contact",
            title = "Archive a contact",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = false,
                            destructiveHint = false,
                            idempotentHint = false,
                            openWorldHint = false),
            description = """
          Archives a contact: it leaves searches (unless archived is true) but keeps its data; unarchive_contact \
          brings it back. An archived contact is an error. Returns the contact. Requires the scope contact:update.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<McpViews.Contact> archiveContact(RawMessage call, @ToolArg(description = ID) String id) {
        return access.as(
                call,
                "contact:update",
                caller -> contacts.archive(caller, id, true)
                        .flatMap(ignored -> contacts.get(caller, id))
                        .map(McpViews.Contact::of));
    }

    @Tool(
            name = "unarchive_contact",
            title = "Unarchive a contact",
            structuredContent = true,
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = false,
                            destructiveHint = false,
                            idempotentHint = false,
                            openWorldHint = false),
            description = """
          Brings an archived contact back into searches. A contact that is not archived is an error. Returns the \
          contact. Requires the scope contact:update.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<McpViews.Contact> unarchiveContact(RawMessage call, @ToolArg(description = ID) String id) {
        return access.as(
                call,
                "contact:update",
                caller -> contacts.archive(caller, id, false)
                        .flatMap(ignored -> contacts.get(caller, id))
                        .map(McpViews.Contact::of));
    }

    /** A field of an update: null stays, "" clears. */
    private static Optional<String> change(String value) {
        return value == null ? null : Optional.of(value).filter(v -> !v.isEmpty());
    }

    static Map<String, JsonNode> values(Map<String, Object> values) {
        if (values == null) {
            return null;
        }
        Map<String, JsonNode> nodes = new LinkedHashMap<>();
        values.forEach((key, value) -> nodes.put(key, Json.MAPPER.valueToTree(value)));
        return nodes;
    }
}
