package com.contactproperties.importing;

import static com.contactproperties.support.Tokens.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.contactproperties.platform.json.Json;
import com.contactproperties.property.DefinitionIndex;
import com.contactproperties.property.DefinitionService;
import com.contactproperties.property.EntityType;
import com.contactproperties.support.Database;
import com.contactproperties.task.TaskHandler;
import com.contactproperties.task.TaskService;
import com.contactproperties.task.TaskType;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The import checks its next chunk while writing the current one; a chunk checked ahead against
 * properties that changed since is checked again. The test drives the handler itself, chunk by
 * chunk, on a task the workers never pick up.
 */
@QuarkusTest
class ImportReadAheadTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ImportHandler handler;

    @Inject
    TaskService tasks;

    @Inject
    DefinitionService definitions;

    @Inject
    Pool pool;

    @Inject
    Database database;

    private final String tenant = newTenant();

    @Test
    void checksAChunkAgainWhenThePropertiesChangedAfterItWasReadAhead() {
        database.execute("""
        insert into property_definitions (tenant_id, entity_type, key, title, type, choices, created_at, created_by, updated_at)
        values ($1, 'contact', 'plan', 'Plan', 'single_choice', '["Free", "Pro"]', now(), 'usr', now())""", tenant);
        DefinitionIndex index =
                definitions.index(tenant, EntityType.CONTACT).await().atMost(WAIT);
        JsonObject params = new JsonObject()
                .put("columns", ImportColumns.toJson(ImportColumns.plan(List.of("email", "Plan"), index, 500)))
                .put("dry_run", false)
                .put("clear_marker", "#clear");
        List<String> rows = List.of(
                row(2, "a@example.com", "Free"),
                row(3, "b@example.com", "Pro"),
                row(4, "c@example.com", "Business"),
                row(5, "d@example.com", "Business"));
        String id = pool.withTransaction(tx -> tasks.create(
                                tx, tenant, "usr", TaskType.IMPORT, rows.size(), params, rows)
                        .call(created -> tx.preparedQuery(
                                        "update tasks set status = 'cancelled' where tenant_id = $1 and id = $2")
                                .execute(Tuple.of(tenant, created))))
                .await()
                .atMost(WAIT);

        TaskHandler.Chunk first = chunk(id, "");
        assertEquals(2, first.succeeded(), first.errors().toString());
        // The second chunk has been read ahead, and its "Business" found not to be a choice.
        database.execute(
                "update property_definitions set choices = '[\"Free\", \"Pro\", \"Business\"]', updated_at = now()"
                        + " where tenant_id = $1 and key = 'plan'",
                tenant);
        TaskHandler.Chunk second = chunk(id, first.cursor());

        assertEquals(2, second.succeeded(), second.errors().toString());
        assertEquals(0, second.failed());
        assertEquals(
                2,
                database.execute(
                        "select 1 from contacts where tenant_id = $1 and custom_fields @> '{\"plan\": \"Business\"}'",
                        tenant));
    }

    private TaskHandler.Chunk chunk(String taskId, String cursor) {
        JsonObject params = pool.preparedQuery("select params::text from tasks where tenant_id = $1 and id = $2")
                .execute(Tuple.of(tenant, taskId))
                .map(found -> new JsonObject(found.iterator().next().getString(0)))
                .await()
                .atMost(WAIT);
        TaskHandler.ClaimedTask task = new TaskHandler.ClaimedTask(tenant, taskId, TaskType.IMPORT, cursor, params);
        return pool.withTransaction(c -> handler.processChunk(c, task, 2))
                .await()
                .atMost(WAIT);
    }

    private static String row(int number, String email, String plan) {
        return Json.write(Map.of("row", number, "cells", List.of(email, plan), "k", email));
    }
}
