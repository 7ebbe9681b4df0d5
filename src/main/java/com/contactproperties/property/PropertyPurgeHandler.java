package com.contactproperties.property;

import com.contactproperties.task.TaskHandler;
import com.contactproperties.task.TaskType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
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

    private final PropertyValueRepository values;
    private final DefinitionRepository definitions;

    PropertyPurgeHandler(PropertyValueRepository values, DefinitionRepository definitions) {
        this.values = values;
        this.definitions = definitions;
    }

    @Override
    public Uni<Chunk> processChunk(SqlConnection connection, ClaimedTask task, int chunkSize) {
        String key = task.params().getString("key");
        if (!EntityType.CONTACT.wire().equals(task.params().getString("entity_type"))) {
            return Uni.createFrom().item(new Chunk("", 0, 0, 0, List.of(), true));
        }
        return values.purge(connection, task.tenantId(), key, chunkSize)
                .map(purged -> new Chunk("", purged, purged, 0, List.of(), purged < chunkSize));
    }

    @Override
    public Uni<Void> onCompleted(SqlConnection connection, ClaimedTask task) {
        return definitions.deletePurged(
                connection,
                task.tenantId(),
                task.params().getString("entity_type"),
                task.params().getString("key"));
    }
}
