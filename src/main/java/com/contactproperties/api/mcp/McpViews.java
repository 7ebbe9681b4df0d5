package com.contactproperties.api.mcp;

import com.contactproperties.contact.ContactView;
import com.contactproperties.folder.FolderService;
import com.contactproperties.platform.json.Json;
import com.contactproperties.platform.paging.Page;
import com.contactproperties.tag.TagView;
import com.contactproperties.task.TaskView;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The structured results of the MCP tools, in snake_case. Each tool's output schema is generated
 * from the same record that its result is written from ({@link OutputSchemas}), so a validating
 * client (the official SDKs) accepts every result: stored custom values are an object of any JSON
 * values, identities an array of objects, never the text a REST surface copies them from.
 */
public final class McpViews {

    private McpViews() {}

    /** One identity of a contact: the channel and that channel's data (any JSON object). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Identity(String id, String channel, JsonNode metadata) {}

    /** A contact; custom_fields are keyed by property key (subscription_plan). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Contact(
            String id,
            String name,
            String email,
            String username,
            String phone,
            String language,
            String status,
            List<Long> folderIds,
            List<String> tagIds,
            List<Identity> identities,
            Map<String, JsonNode> customFields,
            Instant createdAt,
            Instant updatedAt,
            Instant archivedAt) {

        static Contact of(ContactView c) {
            return new Contact(
                    c.id(),
                    c.name(),
                    c.email(),
                    c.username(),
                    c.phone(),
                    c.language(),
                    c.status(),
                    c.folderIds(),
                    c.tagIds(),
                    identities(c.identities()),
                    customFields(c.customFields()),
                    c.createdAt(),
                    c.updatedAt(),
                    c.archivedAt());
        }

        private static List<Identity> identities(String stored) {
            List<Identity> identities = new ArrayList<>();
            JsonNode array = stored == null ? null : Json.tree(stored);
            if (array != null && array.isArray()) {
                array.forEach(i -> identities.add(new Identity(
                        i.path("id").asText(null), i.path("channel").asText(null), i.path("metadata"))));
            }
            return identities;
        }

        private static Map<String, JsonNode> customFields(String stored) {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            JsonNode object = stored == null ? null : Json.tree(stored);
            if (object != null && object.isObject()) {
                object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
            }
            return values;
        }
    }

    /** One page of contacts; next_page_token is null on the last page. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ContactPage(List<Contact> contacts, String nextPageToken) {

        static ContactPage of(Page<ContactView> page) {
            return new ContactPage(page.items().stream().map(Contact::of).toList(), page.nextPageToken());
        }
    }

    /** How many contacts match a filter. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Count(long total, boolean exact) {}

    /** One row error of an import: the row as a spreadsheet numbers it (header = 1), the column and the reason. */
    public record RowError(int row, String column, String message) {}

    /** The progress and first 100 errors of a CSV import. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ImportStatus(
            String importId,
            String status,
            boolean dryRun,
            int totalRows,
            int successCount,
            int failedCount,
            int createdCount,
            int updatedCount,
            double progressPercentage,
            Instant estimatedCompletionTime,
            Instant createdAt,
            List<RowError> errors) {

        static ImportStatus of(TaskView task) {
            return new ImportStatus(
                    task.id(),
                    task.status().wire(),
                    task.dryRun(),
                    task.total(),
                    task.succeeded(),
                    task.failed(),
                    task.created(),
                    task.updated(),
                    task.progressPercentage(),
                    task.estimatedCompletionTime(Instant.now()),
                    task.createdAt(),
                    task.errors().stream()
                            .map(e -> new RowError(e.index() == null ? 0 : e.index(), e.column(), e.message()))
                            .toList());
        }
    }

    /** A tag and how many contacts carry it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Tag(String id, String name, long labeledCount, Instant createdAt) {

        static Tag of(TagView t) {
            return new Tag(t.id(), t.name(), t.labeledCount(), t.createdAt());
        }
    }

    /** One page of tags. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TagPage(List<Tag> tags, String nextPageToken) {

        static TagPage of(Page<TagView> page) {
            return new TagPage(page.items().stream().map(Tag::of).toList(), page.nextPageToken());
        }
    }

    /** A folder, named by its numeric id in folder_ids. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Folder(long id, String name, Instant createdAt) {

        static Folder of(FolderService.Folder f) {
            return new Folder(f.id(), f.name(), f.createdAt());
        }
    }

    /** Every folder of the workspace. */
    public record Folders(List<Folder> folders) {

        static Folders of(List<FolderService.Folder> folders) {
            return new Folders(folders.stream().map(Folder::of).toList());
        }
    }
}
