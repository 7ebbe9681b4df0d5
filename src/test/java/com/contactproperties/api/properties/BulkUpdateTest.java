package com.contactproperties.api.properties;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Requests.awaitTask;
import static com.contactproperties.support.Requests.problem;
import static com.contactproperties.support.Tokens.newTenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.contactproperties.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BulkUpdateTest {

    private static final String BULK = "/api/v1/contacts/bulk";

    @Inject
    Database database;

    private final String tenant = newTenant();

    private String contact(String body) {
        return as(tenant)
                .body(body)
                .post("/v1/contacts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private void property(String title, String type) {
        as(tenant)
                .body("{\"contact_property\": {\"title\": \"" + title + "\", \"property_type\": \"" + type + "\"}}")
                .post("/api/v1/contact_properties")
                .then()
                .statusCode(201);
    }

    @Test
    void appliesTheSeedsExampleInTheBackground() {
        property("Plan", "text");
        long folder = as(tenant)
                .body("{\"folder\": {\"name\": \"Ten\"}}")
                .post("/api/v1/folders")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        String byId = contact("{\"name\": \"By id\"}");
        String jane = contact("{\"username\": \"jane_doe\"}");
        JsonPath answer = as(tenant)
                .body("""
        {"contacts": [{"id": "%s", "contact": {"phone": "+15550000001", "folder_ids": [%d]}},
         {"username": "jane_doe", "contact": {"custom_properties": {"plan": "pro"}}},
         {"email": "nobody@example.com", "contact": {"status": "optout"}}]}""".formatted(byId, folder))
                .put(BULK)
                .then()
                .statusCode(202)
                .body("batch_task_id", notNullValue())
                .body("status", equalTo("pending"))
                .body("accepted_count", equalTo(2))
                .body("not_found_count", equalTo(1))
                .body("not_found[0].email", equalTo("nobody@example.com"))
                .extract()
                .jsonPath();
        JsonPath task = awaitTask(tenant, "bulk_update");
        assertEquals(answer.getString("batch_task_id"), task.getString("id"));
        assertEquals("completed", task.getString("status"));
        assertEquals(2, task.getInt("succeeded_count"));
        as(tenant)
                .get("/v1/contacts/" + byId)
                .then()
                .body("phone", equalTo("+15550000001"))
                .body("folderIds[0]", equalTo((int) folder));
        as(tenant).get("/v1/contacts/" + jane).then().body("customFields.plan", equalTo("pro"));
    }

    @Test
    void appliesSeed001sBodyVerbatimAndAnswersItsNumericIdAsNotFound() {
        property("Plan", "text");
        String jane = contact("{\"username\": \"jane_doe\"}");
        // Seed 001 as published: a numeric id, a folder this tenant does not have, and an obfuscated email.
        as(tenant)
                .body("""
        { "contacts": [ { "id": 123, "contact": { "phone": "+15550000001", "folder_ids": [10] } }, { "username": "jane_doe", "contact": { "custom_properties": { "plan": "pro" } } }, { "email": "[email protected]", "contact": { "status": "optout" } } ]}""")
                .put(BULK)
                .then()
                .statusCode(202)
                .body("accepted_count", equalTo(1))
                .body("not_found_count", equalTo(2))
                .body("not_found[0].id", equalTo("123"))
                .body("not_found[1].email", equalTo("[email protected]"))
                .body("invalid_count", equalTo(0));
        awaitTask(tenant, "bulk_update");
        as(tenant).get("/v1/contacts/" + jane).then().body("customFields.plan", equalTo("pro"));
    }

    @Test
    void refusesOnlyTheEntriesWhoseIdCannotBeAnIdentifier() {
        String ann = contact("{\"email\": \"ann@example.com\"}");
        as(tenant)
                .body("""
        {"contacts": [{"id": {"n": 1}, "contact": {"language": "de"}}, {"id": [1], "contact": {}}, {"id": true, "contact": {}},
         {"id": "", "contact": {}}, {"id": "con_nobody", "contact": {}}, {"id": 12.5, "contact": {}},
         {"id": "%s", "contact": {"language": "pl"}}]}""".formatted(ann))
                .put(BULK)
                .then()
                .statusCode(202)
                .body("accepted_count", equalTo(1))
                .body("invalid.index", equalTo(List.of(0, 1, 2, 3)))
                .body("invalid[0].errors[0].field", equalTo("id"))
                .body("not_found.id", equalTo(List.of("con_nobody", "12.5")));
        JsonPath task = awaitTask(tenant, "bulk_update");
        assertEquals(4, task.getList("errors").size(), "the refused entries are errors of the task too");
        as(tenant).get("/v1/contacts/" + ann).then().body("language", equalTo("pl"));
    }

    @Test
    void refusesMoreThanAThousandEntries() {
        String entries = IntStream.range(0, 1001)
                .mapToObj(i -> "{\"email\": \"a" + i + "@example.com\", \"contact\": {}}")
                .collect(Collectors.joining(","));
        problem(as(tenant).body("{\"contacts\": [" + entries + "]}").put(BULK).then(), 413)
                .body("detail", containsString("1000"));
    }

    @Test
    void refusesEntriesWithoutExactlyOneIdentifier() {
        problem(
                        as(tenant)
                                .body(
                                        "{\"contacts\": [{\"email\": \"a@example.com\", \"contact\": {}}, {\"contact\": {}}]}")
                                .put(BULK)
                                .then(),
                        422)
                .body("errors[0].field", equalTo("contacts[1]"));
        problem(
                        as(tenant)
                                .body(
                                        "{\"contacts\": [{\"email\": \"a@example.com\", \"username\": \"a\", \"contact\": {}}]}")
                                .put(BULK)
                                .then(),
                        422)
                .body("errors[0].field", equalTo("contacts[0]"));
        problem(as(tenant).body("{\"contacts\": []}").put(BULK).then(), 422);
        problem(
                as(tenant)
                        .body("{\"contacts\": [{\"email\": \"a@example.com\", \"contact\": {\"name\": \"x\"}}]}")
                        .put(BULK)
                        .then(),
                400);
    }

    @Test
    void reportsInvalidEntriesAndAppliesTheRest() {
        property("Score", "number");
        String good = contact("{\"email\": \"good@example.com\"}");
        String bad = contact("{\"email\": \"bad@example.com\", \"customFields\": {\"score\": 1}}");
        as(tenant)
                .body("""
        {"contacts": [{"email": "good@example.com", "contact": {"custom_properties": {"score": "7"}, "language": "pl"}},
         {"email": "bad@example.com", "contact": {"custom_properties": {"score": "lots"}, "status": "active", "folder_ids": [99999]}}]}""")
                .put(BULK)
                .then()
                .statusCode(202)
                .body("accepted_count", equalTo(1))
                .body("invalid_count", equalTo(1))
                .body("invalid[0].index", equalTo(1))
                .body("invalid[0].email", equalTo("bad@example.com"))
                .body("invalid[0].errors.field", hasItem("custom_properties.score"))
                .body("invalid[0].errors.field", hasItem("status"))
                .body("invalid[0].errors.field", hasItem("folder_ids"));
        awaitTask(tenant, "bulk_update");
        as(tenant)
                .get("/v1/contacts/" + good)
                .then()
                .body("customFields.score", equalTo(7))
                .body("language", equalTo("pl"));
        as(tenant).get("/v1/contacts/" + bad).then().body("customFields.score", equalTo(1));
    }

    @Test
    void appliesEntriesForOneContactInRequestOrder() {
        property("Plan", "text");
        property("Tier", "text");
        String id = contact("{\"email\": \"one@example.com\", \"username\": \"one\"}");
        as(tenant).body("""
        {"contacts": [{"id": "%s", "contact": {"custom_properties": {"plan": "first", "tier": "gold"}, "status": "spam"}},
         {"email": "one@example.com", "contact": {"custom_properties": {"plan": "second"}}},
         {"username": "one", "contact": {"custom_properties": {"tier": null}, "status": "auto"}}]}""".formatted(id)).put(BULK).then().statusCode(202).body("accepted_count", equalTo(3));
        JsonPath task = awaitTask(tenant, "bulk_update");
        assertEquals(3, task.getInt("succeeded_count"));
        as(tenant)
                .get("/v1/contacts/" + id)
                .then()
                .body("customFields.plan", equalTo("second"))
                .body("customFields.tier", nullValue())
                .body("status", equalTo("active"));
    }

    @Test
    void createsNoTaskWhenNothingMatched() {
        as(tenant)
                .body("{\"contacts\": [{\"email\": \"ghost@example.com\", \"contact\": {\"status\": \"optout\"}}]}")
                .put(BULK)
                .then()
                .statusCode(200)
                .body("status", equalTo("not_queued"))
                .body("batch_task_id", nullValue())
                .body("not_found[0].email", equalTo("ghost@example.com"));
        as(tenant).get("/api/v1/batch_tasks").then().body("batch_tasks.size()", equalTo(0));
    }

    @Test
    void answersARetryWithTheSameKeyOnceAndRefusesAnotherBody() {
        contact("{\"email\": \"idem@example.com\"}");
        String body = "{\"contacts\": [{\"email\": \"idem@example.com\", \"contact\": {\"language\": \"de\"}}]}";
        String first = as(tenant)
                .header("Idempotency-Key", "k-1")
                .body(body)
                .put(BULK)
                .then()
                .statusCode(202)
                .extract()
                .path("batch_task_id");
        as(tenant)
                .header("Idempotency-Key", "k-1")
                .body(body)
                .put(BULK)
                .then()
                .statusCode(202)
                .body("batch_task_id", equalTo(first));
        problem(
                        as(tenant)
                                .header("Idempotency-Key", "k-1")
                                .body(body.replace("de", "fr"))
                                .put(BULK)
                                .then(),
                        422)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        awaitTask(tenant, "bulk_update");
        as(tenant).get("/api/v1/batch_tasks").then().body("batch_tasks.size()", equalTo(1));
    }

    @Test
    void losesNoPropertyUnderConcurrentBulkAndSingleWrites() throws Exception {
        property("From bulk", "number");
        property("From single", "number");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(contact("{}"));
        }
        String entries = ids.stream()
                .map(id -> "{\"id\": \"" + id + "\", \"contact\": {\"custom_properties\": {\"from_bulk\": 1}}}")
                .collect(Collectors.joining(","));
        CompletableFuture<Void> singles = CompletableFuture.runAsync(() -> ids.forEach(id -> as(tenant)
                .body("{\"value\": 2}")
                .put("/v1/contacts/" + id + "/custom-fields/from_single")
                .then()
                .statusCode(204)));
        as(tenant).body("{\"contacts\": [" + entries + "]}").put(BULK).then().statusCode(202);
        singles.get();
        awaitTask(tenant, "bulk_update");
        assertEquals(
                60,
                database.execute(
                        "select 1 from contacts where tenant_id = $1 and custom_fields @> '{\"from_bulk\": 1, \"from_single\": 2}'",
                        tenant));
    }

    @Test
    void cancelsAPendingTaskBeforeItTouchesAnything() {
        String id = contact("{\"email\": \"wait@example.com\"}");
        database.execute("""
        insert into tasks (tenant_id, id, type, status, created_by, created_at, updated_at, lease_owner, lease_until)
        select $1, 'task_busy_' || n, 'bulk_update', 'processing', 'usr', now() - interval '1 minute', now(), 'elsewhere',
               now() + interval '1 hour' from generate_series(1, 2) n""", tenant);
        String task = as(tenant)
                .body("{\"contacts\": [{\"id\": \"" + id + "\", \"contact\": {\"language\": \"es\"}}]}")
                .put(BULK)
                .then()
                .statusCode(202)
                .extract()
                .path("batch_task_id");
        as(tenant)
                .post("/api/v1/batch_tasks/" + task + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"));
        database.execute(
                "update tasks set status = 'completed' where tenant_id = $1 and id like 'task_busy_%'", tenant);
        problem(as(tenant).post("/api/v1/batch_tasks/" + task + "/cancel").then(), 409);
        as(tenant).get("/v1/contacts/" + id).then().body("language", nullValue());
    }

    @Test
    void needsTheContactUpdateScope() {
        problem(
                as(tenant, "contact:list")
                        .body("{\"contacts\": [{\"email\": \"a@example.com\", \"contact\": {}}]}")
                        .put(BULK)
                        .then(),
                403);
    }
}
