package com.contactproperties.api.properties;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Requests.awaitTask;
import static com.contactproperties.support.Requests.problem;
import static com.contactproperties.support.Tokens.newTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.contactproperties.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Deleting a property purges its values in a background task that reports its progress. */
@QuarkusTest
class BatchTaskAndPurgeTest {

    @Inject
    Database database;

    private final String tenant = newTenant();

    @Test
    void purgesADeletedPropertysValuesAndFreesItsKey() {
        as(tenant)
                .body("{\"contact_property\": {\"title\": \"Legacy score\", \"property_type\": \"number\"}}")
                .post("/api/v1/contact_properties")
                .then()
                .statusCode(201);
        database.execute("""
        insert into contacts (tenant_id, id, custom_fields)
        select $1, 'con_' || lpad(n::text, 26, '0'), jsonb_build_object('legacy_score', n, 'other', 'kept')
          from generate_series(1, 1234) n""", tenant);
        as(tenant).delete("/api/v1/contact_properties/legacy-score").then().statusCode(204);

        JsonPath task = awaitTask(tenant, "property_purge");
        assertEquals("completed", task.getString("status"));
        assertEquals(1234, task.getInt("total_count"));
        assertEquals(1234, task.getInt("processed_count"));
        assertEquals(1234, task.getInt("succeeded_count"));
        assertEquals(0, task.getInt("failed_count"));
        assertEquals(100.0, task.getDouble("progress_percentage"));
        assertEquals(
                0,
                database.execute(
                        "select 1 from contacts where tenant_id = $1 and custom_fields ? 'legacy_score'", tenant));
        assertEquals(
                1234,
                database.execute(
                        "select 1 from contacts where tenant_id = $1 and custom_fields ->> 'other' = 'kept'", tenant));
        as(tenant)
                .body("{\"contact_property\": {\"title\": \"Legacy score\"}}")
                .post("/api/v1/contact_properties")
                .then()
                .statusCode(201)
                .body("contact_property.slug", equalTo("legacy-score"));
    }

    @Test
    void listsFiltersAndReadsTasksOfTheTenantOnly() {
        as(tenant)
                .body("{\"contact_property\": {\"title\": \"Gone\"}}")
                .post("/api/v1/contact_properties")
                .then()
                .statusCode(201);
        as(tenant).delete("/api/v1/contact_properties/gone").then().statusCode(204);
        JsonPath task = awaitTask(tenant, "property_purge");
        String id = task.getString("id");
        as(tenant)
                .queryParam("status", "completed")
                .get("/api/v1/batch_tasks")
                .then()
                .statusCode(200)
                .body("batch_tasks.id", hasItem(id))
                .body("batch_tasks[0].task_type", equalTo("property_purge"))
                .body("batch_tasks[0].created_at", notNullValue());
        as(tenant)
                .queryParam("task_type", "bulk_update")
                .get("/api/v1/batch_tasks")
                .then()
                .body("batch_tasks.size()", equalTo(0));
        problem(
                        as(tenant)
                                .queryParam("status", "sleeping")
                                .get("/api/v1/batch_tasks")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("status"));
        problem(
                as(tenant)
                        .queryParam("task_type", "x")
                        .get("/api/v1/batch_tasks")
                        .then(),
                400);
        problem(as(tenant).post("/api/v1/batch_tasks/" + id + "/cancel").then(), 409);
        String other = newTenant();
        problem(as(other).get("/api/v1/batch_tasks/" + id).then(), 404);
        problem(as(other).post("/api/v1/batch_tasks/" + id + "/cancel").then(), 404);
        as(other).get("/api/v1/batch_tasks").then().body("batch_tasks.size()", equalTo(0));
        problem(as(tenant, "contact:read").get("/api/v1/batch_tasks").then(), 403);
        problem(
                as(tenant, "contact:list")
                        .post("/api/v1/batch_tasks/" + id + "/cancel")
                        .then(),
                403);
    }

    @Test
    void managesFoldersAndRemovesADeletedOneFromContacts() {
        long id = as(tenant)
                .body("{\"folder\": {\"name\": \"Hot Prospects\"}}")
                .post("/api/v1/folders")
                .then()
                .statusCode(201)
                .body("name", equalTo("Hot Prospects"))
                .extract()
                .jsonPath()
                .getLong("id");
        problem(
                as(tenant)
                        .body("{\"folder\": {\"name\": \"hot prospects\"}}")
                        .post("/api/v1/folders")
                        .then(),
                409);
        problem(
                as(tenant)
                        .body("{\"folder\": {\"name\": \"\"}}")
                        .post("/api/v1/folders")
                        .then(),
                422);
        problem(as(tenant).body("{}").post("/api/v1/folders").then(), 400);
        as(tenant).get("/api/v1/folders").then().statusCode(200).body("folders[0].id", equalTo((int) id));
        database.execute(
                "insert into contacts (tenant_id, id, folder_ids) values ($1, 'con_f', array[$2::bigint])", tenant, id);
        problem(as(newTenant()).delete("/api/v1/folders/" + id).then(), 404);
        as(tenant).delete("/api/v1/folders/" + id).then().statusCode(204);
        as(tenant).get("/v1/contacts/con_f").then().statusCode(200).body("folderIds.size()", equalTo(0));
        problem(as(tenant).delete("/api/v1/folders/" + id).then(), 404);
    }
}
