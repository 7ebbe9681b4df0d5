package com.contactproperties.api.properties;

import com.contactproperties.bulk.BulkCommands;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of {@code PUT /api/v1/contacts/bulk} (seed 001), snake_case. */
public final class BulkApi {

    private BulkApi() {}

    /** The request. */
    @Schema(name = "BulkUpdateRequest")
    record Request(List<Entry> contacts) {}

    /** One entry: exactly one identifier and the changes. */
    @Schema(name = "BulkUpdateEntry")
    record Entry(
            @Schema(implementation = String.class, description = """
          The contact's id (`con_…`). A number or any other string that is not one of the tenant's contact ids \
          matched nothing and comes back in `not_found`; an object, array, boolean or empty string refuses the entry \
          alone, in `invalid`.""", example = "con_01HV8Y5R5RFMS0TFK6PKF9H2S8")
            JsonNode id,

            String username,
            String email,
            Changes contact) {}

    /** The fields to change; a field omitted or null stays as it is. */
    @Schema(name = "BulkUpdateChanges")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Changes(
            @Schema(enumeration = {"auto", "optout", "spam"})
            String status,

            String email,
            @Schema(description = "E.164") String phone,
            @Schema(description = "ISO 639-1") String language,

            @Schema(description = "Replaces the contact's folders. Excludes add_folder_ids and remove_folder_ids.")
            List<Long> folderIds,

            @Schema(
                    description =
                            "Adds these folders to the contact's, keeping the others. Excludes folder_ids and remove_folder_ids.")
            List<Long> addFolderIds,

            @Schema(
                    description =
                            "Removes these folders from the contact's, keeping the others. Excludes folder_ids and add_folder_ids.")
            List<Long> removeFolderIds,

            @Schema(description = "Values by any spelling of the property (slug, key, title); null or \"\" clears one.")
            Map<String, JsonNode> customProperties) {}

    /**
     * The domain entries of a request, whatever JSON value each id is (see {@link BulkCommands.Entry#of});
     * null when the request has none. Mapping only: BulkService checks them.
     */
    static List<BulkCommands.Entry> entries(Request request) {
        if (request == null || request.contacts() == null) {
            return null;
        }
        List<BulkCommands.Entry> entries = new ArrayList<>();
        for (Entry e : request.contacts()) {
            Changes c = e == null ? null : e.contact();
            entries.add(
                    e == null
                            ? new BulkCommands.Entry(null, null, null, null)
                            : BulkCommands.Entry.of(
                                    e.id(),
                                    e.username(),
                                    e.email(),
                                    c == null
                                            ? null
                                            : new BulkCommands.Changes(
                                                    null,
                                                    c.status(),
                                                    c.email(),
                                                    c.phone(),
                                                    c.language(),
                                                    c.folderIds(),
                                                    c.customProperties(),
                                                    c.addFolderIds(),
                                                    c.removeFolderIds())));
        }
        return entries;
    }
}
