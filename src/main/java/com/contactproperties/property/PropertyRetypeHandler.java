package com.contactproperties.property;

import com.contactproperties.platform.json.Json;
import com.contactproperties.task.TaskHandler;
import com.contactproperties.task.TaskType;
import com.contactproperties.task.TaskView;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a retyped property's values in their new stored form, contact by contact in id order;
 * values that do not convert are cleared and each is recorded as an error with the contact id and
 * the old value. The cursor is the last contact id handled.
 */
@ApplicationScoped
class PropertyRetypeHandler implements TaskHandler {

    @Override
    public TaskType type() {
        return TaskType.PROPERTY_RETYPE;
    }

    private final PropertyValueRepository values;

    PropertyRetypeHandler(PropertyValueRepository values) {
        this.values = values;
    }

    @Override
    public Uni<Chunk> processChunk(SqlConnection connection, ClaimedTask task, int chunkSize) {
        String key = task.params().getString("key");
        PropertyDefinition target = target(task.params());
        Map<String, String> renames = renames(task.params());
        return values.lockValues(connection, task.tenantId(), key, task.cursor(), chunkSize)
                .flatMap(stored -> {
                    List<String> ids = new ArrayList<>(stored.keySet());
                    List<String> converted = new ArrayList<>();
                    List<TaskView.TaskError> errors = new ArrayList<>();
                    stored.forEach((id, old) -> converted.add(convert(id, old, key, target, renames, errors)));
                    String cursor = ids.isEmpty() ? task.cursor() : ids.get(ids.size() - 1);
                    int done = ids.size();
                    Chunk chunk =
                            new Chunk(cursor, done, done - errors.size(), errors.size(), errors, done < chunkSize);
                    return ids.isEmpty()
                            ? Uni.createFrom().item(chunk)
                            : values.rewrite(connection, task.tenantId(), key, ids, converted)
                                    .replaceWith(chunk);
                });
    }

    /** A stored value (JSON text) in the target's stored form, or null (with an error) when it does not convert. */
    private static String convert(
            String id,
            String old,
            String key,
            PropertyDefinition target,
            Map<String, String> renames,
            List<TaskView.TaskError> errors) {
        try {
            return Retype.convert(Json.tree(old), target, renames)
                    .map(JsonNode::toString)
                    .orElse(null);
        } catch (ValueException e) {
            errors.add(new TaskView.TaskError(null, id, "Cleared " + old + ": " + e.getMessage(), key, null));
            return null;
        }
    }

    /** The parameters of a retype task: the key, the definition's new type and choices, and the renames. */
    static JsonObject params(PropertyDefinition next, Map<String, String> renames) {
        return new JsonObject()
                .put("key", next.key())
                .put("entity_type", next.entityType().wire())
                .put("type", next.type().wire())
                .put("title", next.title())
                .put("choices", new io.vertx.core.json.JsonArray(new ArrayList<>(next.choices())))
                .put("renames", new JsonObject(new HashMap<>(renames)));
    }

    private static PropertyDefinition target(JsonObject params) {
        List<String> choices =
                params.getJsonArray("choices").stream().map(String::valueOf).toList();
        return new PropertyDefinition(
                EntityType.CONTACT,
                params.getString("key"),
                params.getString("title"),
                PropertyType.fromWire(params.getString("type")).orElseThrow(),
                choices,
                null,
                false,
                false,
                null,
                null,
                null);
    }

    private static Map<String, String> renames(JsonObject params) {
        Map<String, String> renames = new HashMap<>();
        params.getJsonObject("renames").forEach(e -> renames.put(e.getKey(), String.valueOf(e.getValue())));
        return renames;
    }
}
