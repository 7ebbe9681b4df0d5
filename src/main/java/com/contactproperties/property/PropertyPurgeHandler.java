package com.contactproperties.property;

import com.contactproperties.task.TaskHandler;
import com.contactproperties.task.TaskType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Removes a deleted property's values from every live contact, a chunk at a time, and frees its
 * key when none is left. Each chunk removes the key from the next contacts still holding it, so a
 * repeated chunk finds nothing more to do: counters stay exact across crashes.
 */
@ApplicationScoped
class PropertyPurgeHandler implements TaskHandler {

    @Override
    public TaskType type() {
        return TaskType.PROPERTY_PURGE;
    }

    @Override
    public Uni<Chunk> processChunk(SqlConnection connection, ClaimedTask task, int chunkSize) {
        String key = task.params().getString("key");
        if (!EntityType.CONTACT.wire().equals(task.params().getString("entity_type"))) {
            return Uni.createFrom().item(new Chunk("", 0, 0, 0, List.of(), true));
        }
        return connection
                .preparedQuery("""
            with batch as (
              select id from contacts where tenant_id = $1 and deleted_at is null and custom_fields ? $2
               order by id limit $3 for update)
            update contacts c set custom_fields = c.custom_fields - $2
              from batch where c.tenant_id = $1 and c.id = batch.id""")
                .execute(Tuple.of(task.tenantId(), key, chunkSize))
                .map(rows ->
                        new Chunk("", rows.rowCount(), rows.rowCount(), 0, List.of(), rows.rowCount() < chunkSize));
    }

    @Override
    public Uni<Void> onCompleted(SqlConnection connection, ClaimedTask task) {
        return connection
                .preparedQuery("delete from property_definitions where tenant_id = $1 and entity_type = $2 and key = $3"
                        + " and deleted_at is not null")
                .execute(Tuple.of(
                        task.tenantId(),
                        task.params().getString("entity_type"),
                        task.params().getString("key")))
                .replaceWithVoid();
    }
}
