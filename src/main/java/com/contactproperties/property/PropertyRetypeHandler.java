package com.contactproperties.property;

import com.contactproperties.platform.json.Json;
import com.contactproperties.task.TaskHandler;
import com.contactproperties.task.TaskType;
import com.contactproperties.task.TaskView;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
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

    @Override
    public Uni<Chunk> processChunk(SqlConnection connection, ClaimedTask task, int chunkSize) {
        String key = task.params().getString("key");
        PropertyDefinition target = target(task.params());
        Map<String, String> renames = renames(task.params());
        return connection
                .preparedQuery("select id, (custom_fields -> $2)::text from contacts where tenant_id = $1"
                        + " and deleted_at is null and custom_fields ? $2 and id > $3 order by id limit $4 for update")
                .execute(Tuple.of(task.tenantId(), key, task.cursor(), chunkSize))
                .flatMap(rows -> {
                    List<String> ids = new ArrayList<>();
                    List<String> values = new ArrayList<>();
                    List<TaskView.TaskError> errors = new ArrayList<>();
                    rows.forEach(row -> {
                        String id = row.getString(0);
                        String old = row.getString(1);
                        ids.add(id);
                        try {
                            values.add(Retype.convert(Json.tree(old), target, renames)
                                    .map(JsonNode::toString)
                                    .orElse(null));
                        } catch (ValueException e) {
                            values.add(null);
                            errors.add(new TaskView.TaskError(
                                    null, id, "Cleared " + old + ": " + e.getMessage(), key, null));
                        }
                    });
                    String cursor = ids.isEmpty() ? task.cursor() : ids.get(ids.size() - 1);
                    Chunk chunk = new Chunk(
                            cursor,
                            ids.size(),
                            ids.size() - errors.size(),
                            errors.size(),
                            errors,
                            ids.size() < chunkSize);
                    return ids.isEmpty()
                            ? Uni.createFrom().item(chunk)
                            : connection
                                    .preparedQuery("""
                  update contacts c set custom_fields = case when u.v is null then c.custom_fields - $2
                                                             else jsonb_set(c.custom_fields, array[$2], (u.v)::jsonb) end
                    from unnest($3::text[], $4::text[]) as u(id, v)
                   where c.tenant_id = $1 and c.id = u.id""")
                                    .execute(Tuple.of(
                                            task.tenantId(),
                                            key,
                                            ids.toArray(String[]::new),
                                            values.toArray(String[]::new)))
                                    .replaceWith(chunk);
                });
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
