package com.contactproperties.importing;

import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.FieldError;
import com.contactproperties.property.DefinitionIndex;
import com.contactproperties.property.EntityType;
import com.contactproperties.property.PropertyDefinition;
import com.contactproperties.property.PropertyType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What each column of a file is: a contact field, the tags, or a property named by any spelling.
 * Unknown and duplicated columns are refused at once, naming them.
 */
final class ImportColumns {

    /** Columns that are contact fields rather than properties. */
    static final List<String> FIELDS =
            List.of("name", "first_name", "last_name", "email", "phone", "username", "language", "status", "tags");

    private static final Set<String> IDENTIFYING =
            Set.of("email", "username", "phone", "name", "first_name", "last_name");

    /** One column: its header as written, and either a field name or a property key. */
    record Column(String header, String field, String key) {}

    private ImportColumns() {}

    /** The headers that name neither a field nor a property of the tenant. */
    static List<String> unknown(List<String> header, DefinitionIndex definitions) {
        return header.stream()
                .filter(h -> !FIELDS.contains(h.toLowerCase(Locale.ROOT))
                        && definitions.find(h).isEmpty())
                .toList();
    }

    /** The plan of a header; every header must be known by now. */
    static List<Column> plan(List<String> header, DefinitionIndex definitions, int maxColumns) {
        if (header.size() > maxColumns) {
            throw new DomainException.Invalid(
                    "file", "has " + header.size() + " columns; at most " + maxColumns + " are allowed");
        }
        List<FieldError> errors = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            Column column = column(name, definitions);
            if (name.isEmpty()) {
                errors.add(new FieldError("column " + (i + 1), "has no name"));
            } else if (column == null) {
                errors.add(new FieldError(
                        name,
                        "is not a contact field or a property of this tenant; use createMissingProperties=true"
                                + " to create it as a text property"));
            } else if (!targets.add(column.field() != null ? column.field() : "property:" + column.key())) {
                errors.add(new FieldError(name, "names the same field or property as an earlier column"));
            } else {
                columns.add(column);
            }
        }
        if (errors.isEmpty() && columns.stream().noneMatch(c -> c.field() != null && IDENTIFYING.contains(c.field()))) {
            errors.add(new FieldError("file", "has no identifying column: include email, username, phone or name"));
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        return columns;
    }

    private static Column column(String name, DefinitionIndex definitions) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (FIELDS.contains(lower)) {
            return new Column(name, lower, null);
        }
        return definitions
                .find(name)
                .map(d -> d.predefined() ? new Column(name, d.key(), null) : new Column(name, null, d.key()))
                .orElse(null);
    }

    static JsonArray toJson(List<Column> columns) {
        JsonArray array = new JsonArray();
        columns.forEach(c -> array.add(new JsonObject()
                .put("header", c.header())
                .put("field", c.field())
                .put("key", c.key())));
        return array;
    }

    /** The text definitions a dry run checks against without storing them, as its parameters keep them. */
    static JsonArray unsavedToJson(List<PropertyDefinition> unsaved) {
        JsonArray array = new JsonArray();
        unsaved.forEach(d -> array.add(new JsonObject().put("key", d.key()).put("title", d.title())));
        return array;
    }

    /** The definitions with a dry run's unsaved ones (none when {@code unsaved} is null), which its columns name. */
    static DefinitionIndex withUnsaved(DefinitionIndex definitions, JsonArray unsaved) {
        if (unsaved == null || unsaved.isEmpty()) {
            return definitions;
        }
        List<PropertyDefinition> all = new ArrayList<>(definitions.all());
        for (int i = 0; i < unsaved.size(); i++) {
            JsonObject d = unsaved.getJsonObject(i);
            // Fixed times: the import checks that a chunk read ahead saw the same definitions as the chunk before it.
            all.add(new PropertyDefinition(
                    EntityType.CONTACT,
                    d.getString("key"),
                    d.getString("title"),
                    PropertyType.TEXT,
                    List.of(),
                    null,
                    false,
                    false,
                    Instant.EPOCH,
                    null,
                    Instant.EPOCH));
        }
        return DefinitionIndex.of(all);
    }

    static List<Column> fromJson(JsonArray array) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonObject c = array.getJsonObject(i);
            columns.add(new Column(c.getString("header"), c.getString("field"), c.getString("key")));
        }
        return columns;
    }
}
