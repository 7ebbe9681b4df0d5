package com.contactproperties.task;

import static com.contactproperties.support.Tokens.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.contactproperties.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A task's items are stored with it, and only ever added to a task that exists and has not started (V9). */
@QuarkusTest
class TaskItemsTest {

    @Inject
    TaskService tasks;

    @Inject
    Pool pool;

    @Inject
    Database database;

    private final String tenant = newTenant();

    /** An entry for a contact that does not exist: the worker that picks the task up fails it quietly. */
    private static String entry(int index) {
        return "{\"index\": " + index
                + ", \"contactId\": \"con_missing\", \"identifier\": \"id:con_missing\", \"set\": {},"
                + " \"cleared\": [], \"columns\": {}, \"folderIds\": null}";
    }

    @Test
    void storesItemsWithTheirPendingTask() {
        String id = pool.withTransaction(tx -> tasks.create(
                                tx,
                                tenant,
                                "usr",
                                TaskType.BULK_UPDATE,
                                2,
                                new JsonObject(),
                                List.of(entry(0), entry(1)))
                        .call(created -> tasks.addItems(tx, tenant, created, 2, List.of(entry(2)))))
                .await()
                .atMost(Duration.ofSeconds(30));
        assertEquals(3, items(id));
    }

    @Test
    void refusesItemsForATaskThatIsMissingOrHasStarted() {
        assertThrows(
                IllegalStateException.class,
                () -> pool.withTransaction(tx -> tasks.addItems(tx, tenant, "task_missing", 0, List.of(entry(0))))
                        .await()
                        .atMost(Duration.ofSeconds(30)));
        assertEquals(0, items("task_missing"));

        String id = pool.withTransaction(tx ->
                        tasks.create(tx, tenant, "usr", TaskType.BULK_UPDATE, 1, new JsonObject(), List.of(entry(0))))
                .await()
                .atMost(Duration.ofSeconds(30));
        database.execute("update tasks set status = 'processing' where tenant_id = $1 and id = $2", tenant, id);
        assertThrows(
                IllegalStateException.class,
                () -> pool.withTransaction(tx -> tasks.addItems(tx, tenant, id, 1, List.of(entry(0))))
                        .await()
                        .atMost(Duration.ofSeconds(30)));
        assertEquals(1, items(id));
    }

    private int items(String taskId) {
        return database.execute("select 1 from task_items where tenant_id = $1 and task_id = $2", tenant, taskId);
    }
}
