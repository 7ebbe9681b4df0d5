package com.contactproperties.bulk;

import com.contactproperties.platform.error.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/** A bulk update in the names of the domain, and what its submission answers. */
public final class BulkCommands {

    /** Most entries in one request. */
    public static final int MAX_ENTRIES = 1_000;

    private BulkCommands() {}

    /**
     * One entry: exactly one identifier, and the changes for that contact. A null field is left unchanged.
     * {@code idUnusable} marks an id sent as a value that cannot identify anything (object, array, boolean,
     * empty): the entry is refused alone, in {@code invalid}, rather than failing the request.
     */
    public record Entry(String id, String username, String email, Changes changes, boolean idUnusable) {

        public Entry(String id, String username, String email, Changes changes) {
            this(id, username, email, changes, false);
        }

        /**
         * An entry whose id arrived as any JSON value. Seed 001 shows {@code "id": 123}: a number or a string
         * is an identifier (one that may match nothing, answered in {@code not_found}); JSON null is no id.
         */
        public static Entry of(JsonNode id, String username, String email, Changes changes) {
            if (id == null || id.isNull() || id.isMissingNode()) {
                return new Entry(null, username, email, changes);
            }
            if (id.isTextual() && !id.textValue().isBlank() || id.isNumber()) {
                return new Entry(id.isTextual() ? id.textValue() : id.asText(), username, email, changes);
            }
            return new Entry(id.isTextual() ? id.textValue() : id.toString(), username, email, changes, true);
        }
    }

    /**
     * The changes of one contact; custom properties may be named by any spelling, and null or "" clears one.
     * At most one of {@code folderIds} (replace), and {@code addFolderIds} with {@code removeFolderIds}.
     */
    public record Changes(
            String name,
            String status,
            String email,
            String phone,
            String language,
            List<Long> folderIds,
            Map<String, JsonNode> customProperties,
            List<Long> addFolderIds,
            List<Long> removeFolderIds) {

        public Changes(
                String name,
                String status,
                String email,
                String phone,
                String language,
                List<Long> folderIds,
                Map<String, JsonNode> customProperties) {
            this(name, status, email, phone, language, folderIds, customProperties, null, null);
        }
    }

    /** An identifier as the client sent it, such as {@code email} and the address. */
    public record Identifier(String field, String value) {}

    /** An entry that was not applied, with every reason. */
    public record Rejected(int index, Identifier identifier, List<FieldError> errors) {}

    /** What a submission did: the task (null when nothing was queued) and the entries left out. */
    @RegisterForReflection(registerFullHierarchy = true)
    public record Result(String taskId, int accepted, List<Identifier> notFound, List<Rejected> invalid) {}
}
