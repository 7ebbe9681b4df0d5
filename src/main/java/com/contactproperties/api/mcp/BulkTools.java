package com.contactproperties.api.mcp;

import com.contactproperties.bulk.BulkCommands;
import com.contactproperties.bulk.BulkService;
import com.contactproperties.platform.json.Json;
import com.contactproperties.view.BulkUpdateAnswer;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.quarkiverse.mcp.server.RawMessage;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolGuardrails;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The bulk update of seed 001: up to 1,000 contacts in one background task. */
public class BulkTools {

    private final McpAccess access;
    private final BulkService bulk;

    BulkTools(McpAccess access, BulkService bulk) {
        this.access = access;
        this.bulk = bulk;
    }

    /** One contact of a bulk update: exactly one identifier, and the changes. */
    public record BulkEntry(
            @JsonPropertyDescription(
                    "The contact's id (con_...), a string or a number; one that is no contact's comes back in"
                            + " not_found. Give exactly one of id, username and email.")
            Object id,

            @JsonPropertyDescription("The contact's username, matched ignoring case.")
            String username,

            @JsonPropertyDescription("The contact's email, matched ignoring case.")
            String email,

            @JsonPropertyDescription("The changes; fields left out stay as they are.")
            Updates updates) {}

    /** The changes of one bulk entry. */
    public record Updates(
            @JsonPropertyDescription("New display name.") String name,

            @JsonPropertyDescription("auto (let the system decide), optout or spam.")
            ContactTools.Status status,

            @JsonPropertyDescription("New email; must not belong to another contact.")
            String email,

            @JsonPropertyDescription("New phone, in E.164 such as +48601234567.")
            String phone,

            @JsonPropertyDescription("ISO 639-1 language code such as en.")
            String language,

            @JsonProperty("folder_ids")
            @JsonPropertyDescription(
                    "Replaces the contact's folders (numeric ids, see list_folders). Give at most one of"
                            + " folder_ids, add_folder_ids and remove_folder_ids.")
            List<Long> folderIds,

            @JsonProperty("add_folder_ids")
            @JsonPropertyDescription("Folders to add the contact to, keeping its others.")
            List<Long> addFolderIds,

            @JsonProperty("remove_folder_ids")
            @JsonPropertyDescription("Folders to take the contact out of, keeping its others.")
            List<Long> removeFolderIds,

            @JsonProperty("custom_properties")
            @JsonPropertyDescription(
                    "Values by property slug (see list_contact_properties); null or \"\" clears one. Each value must fit the property's type.")
            Map<String, Object> customProperties) {}

    @Tool(
            name = "bulk_update_contacts",
            title = "Bulk update contacts",
            structuredContent = true,
            outputSchema = @Tool.OutputSchema(from = BulkUpdateAnswer.class),
            annotations =
                    @Tool.Annotations(
                            readOnlyHint = false,
                            destructiveHint = true,
                            idempotentHint = false,
                            openWorldHint = false),
            description = """
      Updates up to 1,000 contacts in one background task. Each entry names one contact by exactly one of id, \
      username or email, and gives its updates (name, status, email, phone, language, folder_ids or \
      add_folder_ids or remove_folder_ids, custom_properties by slug). Contacts are matched before the answer: the answer lists the entries not found \
      and the entries whose values are invalid (with the reason), which are skipped while the rest are applied. \
      Returns batch_task_id (null when nothing matched): follow it with get_batch_task until its status is completed. \
      Requires the scope contact:update.""")
    @ToolGuardrails(output = ArgumentErrors.class)
    public Uni<BulkUpdateAnswer> bulkUpdateContacts(
            RawMessage call,
            @ToolArg(
                            description =
                                    "The contacts to update, 1 to 1,000 entries; two entries for one contact apply in order.")
                    List<BulkEntry> contacts) {
        return access.as(
                call,
                "contact:update",
                caller -> bulk.submit(caller, entries(contacts), Optional.empty(), "")
                        .map(BulkUpdateAnswer::of));
    }

    private static List<BulkCommands.Entry> entries(List<BulkEntry> contacts) {
        List<BulkCommands.Entry> entries = new ArrayList<>();
        for (BulkEntry e : contacts == null ? List.<BulkEntry>of() : contacts) {
            Updates u = e == null ? null : e.updates();
            entries.add(
                    e == null
                            ? new BulkCommands.Entry(null, null, null, null)
                            : BulkCommands.Entry.of(
                                    Json.MAPPER.valueToTree(e.id()),
                                    e.username(),
                                    e.email(),
                                    u == null
                                            ? null
                                            : new BulkCommands.Changes(
                                                    u.name(),
                                                    WireNames.of(u.status()),
                                                    u.email(),
                                                    u.phone(),
                                                    u.language(),
                                                    u.folderIds(),
                                                    ContactTools.values(u.customProperties()),
                                                    u.addFolderIds(),
                                                    u.removeFolderIds())));
        }
        return entries;
    }
}
