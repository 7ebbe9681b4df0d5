package com.contactproperties.importing;

import com.contactproperties.contact.ContactFields;
import com.contactproperties.platform.error.FieldError;
import com.contactproperties.platform.json.Json;
import com.contactproperties.property.ContactPoints;
import com.contactproperties.property.DefinitionIndex;
import com.contactproperties.property.PropertyDefinition;
import com.contactproperties.property.TypeSystem;
import com.contactproperties.property.ValueContext;
import com.contactproperties.property.ValueException;
import com.contactproperties.task.TaskView;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One data row read against the column plan: contact columns and custom values in stored form,
 * tag names, or the errors that skip the row. An empty cell leaves a value as it is; a cell holding
 * the clear marker clears it.
 */
final class ImportRow {

    final int number;
    final List<String> cells;
    final Map<String, String> columns = new HashMap<>();
    final ObjectNode set = JsonNodeFactory.instance.objectNode();
    final Set<String> cleared = new LinkedHashSet<>();
    final List<String> tags = new ArrayList<>();
    private String firstName;
    private String lastName;
    final List<TaskView.TaskError> errors = new ArrayList<>();
    /** The email lower-cased, and the values, cleared keys and columns as JSON: written with the checks, off the event loop. */
    String lowerEmail;

    String setJson;
    String clearedJson;
    String columnsJson;

    private ImportRow(int number, List<String> cells) {
        this.number = number;
        this.cells = cells;
    }

    /**
     * Reads a stored row, {@code {"row": n, "cells": [...]}}, token by token: a tree of every row cost a
     * sixth of the checks. {@code later} is the later row with the same email (0 when none); a row
     * stored before V14 may carry it in its payload as {@code "superseded_by"} instead.
     */
    static ImportRow read(
            ImportRepository.Item item,
            List<ImportColumns.Column> plan,
            DefinitionIndex definitions,
            ValueContext context,
            String clearMarker,
            int maxCell) {
        Payload payload = Payload.parse(item.payload(), plan.size());
        int number = payload.number();
        int supersededBy = Math.max(item.supersededBy(), payload.supersededBy());
        List<String> cells = payload.cells();
        ImportRow row = new ImportRow(number, cells);
        if (supersededBy > 0) {
            row.error("email", "is repeated in row " + supersededBy + ", which wins; this row was not applied");
        } else if (cells.size() != plan.size()) {
            row.error(null, "has " + cells.size() + " cells where the header has " + plan.size());
        } else {
            row.readCells(plan, definitions, context, clearMarker, maxCell);
        }
        row.lowerEmail = ContactPoints.emailKey(row.email());
        if (row.valid()) {
            row.setJson = Json.write(row.set);
            row.clearedJson = Json.write(row.cleared);
            row.columnsJson = Json.write(row.columns);
        }
        return row;
    }

    /** A stored row as written at upload: its number, the later row that supersedes it (0: none), its cells. */
    private record Payload(int number, int supersededBy, List<String> cells) {

        static Payload parse(String payload, int width) {
            int number = 0;
            int supersededBy = 0;
            List<String> cells = new ArrayList<>(width);
            try (JsonParser parser = Json.MAPPER.createParser(payload)) {
                parser.nextToken();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    switch (field) {
                        case "row" -> number = parser.getIntValue();
                        case "superseded_by" -> supersededBy = parser.getIntValue();
                        case "cells" -> readCells(parser, cells);
                        default -> parser.skipChildren();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("A stored import row is unreadable", e);
            }
            return new Payload(number, supersededBy, cells);
        }

        private static void readCells(JsonParser parser, List<String> cells) throws IOException {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                cells.add(parser.getText());
            }
        }
    }

    boolean valid() {
        return errors.isEmpty();
    }

    String email() {
        return columns.get("email");
    }

    String username() {
        return columns.get("username");
    }

    private void readCells(
            List<ImportColumns.Column> plan,
            DefinitionIndex definitions,
            ValueContext context,
            String marker,
            int maxCell) {
        List<FieldError> fieldErrors = new ArrayList<>();
        ContactFields rules = new ContactFields(definitions, context, fieldErrors);
        for (int i = 0; i < plan.size(); i++) {
            ImportColumns.Column column = plan.get(i);
            String cell = cells.get(i);
            if (cell.isBlank()) {
                continue;
            }
            if (cell.length() > maxCell) {
                error(column.header(), "is longer than " + maxCell + " characters");
                continue;
            }
            boolean clear = cell.strip().equals(marker);
            int before = fieldErrors.size();
            if (column.key() != null) {
                property(column, definitions.find(column.key()).orElse(null), clear ? null : cell, context);
            } else {
                field(column.field(), cell, clear, rules);
            }
            fieldErrors.subList(before, fieldErrors.size()).forEach(e -> error(column.header(), e.message()));
            fieldErrors.clear();
        }
        if (!columns.containsKey("name") && (firstName != null || lastName != null)) {
            columns.put(
                    "name",
                    String.join(
                            " ",
                            java.util.stream.Stream.of(firstName, lastName)
                                    .filter(p -> p != null)
                                    .toList()));
        }
    }

    /** A cell of one of the contact's own fields; a field's error goes to {@code rules}' errors. */
    private void field(String field, String cell, boolean clear, ContactFields rules) {
        switch (field) {
            case "first_name" -> firstName = cell.strip();
            case "last_name" -> lastName = cell.strip();
            case "tags" ->
                tags.addAll(List.of(cell.split("[,;]")).stream()
                        .map(String::strip)
                        .filter(t -> !t.isEmpty())
                        .toList());
            case "name" -> columns.put("name", clear ? "" : rules.name(cell));
            case "email", "phone" -> columns.put(field, clear ? null : rules.predefined(field, cell));
            case "username" -> columns.put("username", clear ? null : rules.username(cell));
            case "language" -> columns.put("language", clear ? null : rules.language(cell));
            default -> columns.put("status_override", clear ? null : rules.status(cell));
        }
    }

    private void property(
            ImportColumns.Column column, PropertyDefinition definition, String cell, ValueContext context) {
        if (definition == null) {
            error(column.header(), "names a property that was deleted during the import");
            return;
        }
        if (cell == null) {
            cleared.add(definition.key());
            return;
        }
        try {
            TypeSystem.normalise(definition, TextNode.valueOf(cell), context)
                    .ifPresent(stored -> set.set(definition.key(), stored));
        } catch (ValueException e) {
            error(column.header(), e.getMessage());
        }
    }

    void error(String column, String message) {
        errors.add(new TaskView.TaskError(number, email(), message, column, raw()));
    }

    private String raw() {
        StringWriter out = new StringWriter();
        try (CsvWriter writer = CsvWriter.builder().build(out)) {
            writer.writeRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().stripTrailing();
    }
}
