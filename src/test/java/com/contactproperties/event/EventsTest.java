package com.contactproperties.event;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Requests.awaitTask;
import static com.contactproperties.support.Requests.problem;
import static com.contactproperties.support.Tokens.newTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactproperties.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventsTest {

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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> change(Map<String, Object> event, String field) {
        Map<String, Object> data = (Map<String, Object>) event.get("data");
        return ((Map<String, Map<String, Object>>) data.get("changes")).get(field);
    }

    private static List<Object> types(List<Map<String, Object>> events) {
        return events.stream().map(e -> e.get("type")).toList();
    }

    @Test
    void announcesEachChangeOfAContactWithItsOldAndNewStoredValues() {
        property("Plan", "text");
        String id =
                contact("{\"name\": \"Ann\", \"email\": \"Ann@Example.com\", \"customFields\": {\"plan\": \"Free\"}}");
        as(tenant)
                .body("{\"name\": \"Ann Lee\", \"customFields\": {\"plan\": \"Pro\"}}")
                .patch("/v1/contacts/" + id)
                .then()
                .statusCode(200);
        as(tenant).post("/v1/contacts/" + id + "/archive").then().statusCode(204);
        as(tenant).post("/v1/contacts/" + id + "/unarchive").then().statusCode(204);
        as(tenant).delete("/v1/contacts/" + id).then().statusCode(204);

        List<Map<String, Object>> events = Feed.await(tenant, Map.of("object_id", id), 5);
        assertEquals(
                List.of(
                        "contact.created",
                        "contact.updated",
                        "contact.archived",
                        "contact.unarchived",
                        "contact.deleted"),
                types(events));
        Map<String, Object> created = events.get(0);
        assertEquals(tenant, created.get("tenant_id"));
        assertEquals("api", created.get("source"));
        assertEquals("usr_test", created.get("actor"));
        assertEquals("contact", created.get("object_type"));
        assertNull(created.get("task_id"));
        assertTrue(((String) created.get("id")).matches("evt_[0-9A-HJKMNP-TV-Z]{26}"), created.toString());
        assertEquals("Ann", change(created, "name").get("new"));
        assertEquals("Ann@example.com", change(created, "email").get("new"), "the domain lower-cased, as stored");
        assertEquals("Free", change(created, "custom_fields.plan").get("new"));
        assertNull(change(created, "name").get("old"));
        Map<String, Object> updated = events.get(1);
        assertEquals(Map.of("old", "Ann", "new", "Ann Lee"), change(updated, "name"));
        assertEquals(Map.of("old", "Free", "new", "Pro"), change(updated, "custom_fields.plan"));
        assertNull(change(updated, "email"), "an unchanged field is not a change");
        assertNull(change(events.get(2), "archived_at").get("old"));
        assertNull(change(events.get(3), "archived_at").get("new"));
        assertNull(change(events.get(4), "deleted_at").get("old"));
    }

    @Test
    void foldsTheTagsAttachedAtCreationIntoTheCreatedEvent() {
        String tag = as(tenant)
                .body("{\"name\": \"vip\"}")
                .post("/v1/tags")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String id = contact("{\"name\": \"Bo\", \"tagIds\": [\"" + tag + "\"]}");
        List<Map<String, Object>> events = Feed.await(tenant, Map.of("object_id", id), 1);
        assertEquals(List.of("contact.created"), types(events));
        assertEquals(List.of(tag), change(events.get(0), "tag_ids").get("new"));
    }

    @Test
    void announcesAChangeOfIdentitiesButNotTheSameListWrittenAgain() {
        String id = contact("{\"name\": \"Di\", \"identities\": [{\"channel\": \"instagram\", \"metadata\": "
                + "{\"handle\": \"di\"}}, {\"channel\": \"email\"}]}");
        String same = "{\"identities\": [{\"channel\": \"email\"}, {\"channel\": \"instagram\", \"metadata\": "
                + "{\"handle\": \"di\"}}]}";
        as(tenant).body(same).patch("/v1/contacts/" + id).then().statusCode(200);
        as(tenant)
                .body("{\"identities\": [{\"channel\": \"instagram\", \"metadata\": {\"handle\": \"di.lee\"}}]}")
                .patch("/v1/contacts/" + id)
                .then()
                .statusCode(200);
        as(tenant)
                .body("{\"name\": \"Di Lee\"}")
                .patch("/v1/contacts/" + id)
                .then()
                .statusCode(200);

        List<Map<String, Object>> events = Feed.await(tenant, Map.of("object_id", id), 3);
        assertEquals(List.of("contact.created", "contact.updated", "contact.updated"), types(events));
        List<Map<String, Object>> created = List.of(
                Map.of("channel", "email", "metadata", Map.of()),
                Map.of("channel", "instagram", "metadata", Map.of("handle", "di")));
        assertEquals(created, change(events.get(0), "identities").get("new"), "sorted, without the ids");
        assertNull(change(events.get(0), "identities").get("old"));
        assertEquals(
                Map.of(
                        "old",
                        created,
                        "new",
                        List.of(Map.of("channel", "instagram", "metadata", Map.of("handle", "di.lee")))),
                change(events.get(1), "identities"),
                "one change for the list's deletion and insertion together");
        assertEquals(Map.of("old", "Di", "new", "Di Lee"), change(events.get(2), "name"));
        assertNull(change(events.get(2), "identities"), "a name change leaves the identities alone");
    }

    @Test
    void announcesTheContactsADeletedFolderIsRemovedFrom() {
        int folder = as(tenant)
                .body("{\"folder\": {\"name\": \"March Leads\"}}")
                .post("/api/v1/folders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String id = contact("{\"name\": \"Cy\"}");
        as(tenant)
                .body("{\"contacts\": [{\"id\": \"" + id + "\", \"contact\": {\"folder_ids\": [" + folder + "]}}]}")
                .put("/api/v1/contacts/bulk")
                .then()
                .statusCode(202);
        Feed.await(tenant, Map.of("object_id", id), 2);
        as(tenant).delete("/api/v1/folders/" + folder).then().statusCode(204);
        List<Map<String, Object>> events = Feed.await(tenant, Map.of("object_id", id), 3);
        assertEquals(List.of("contact.created", "contact.updated", "contact.updated"), types(events));
        assertEquals(List.of(folder), change(events.get(2), "folder_ids").get("old"));
        assertEquals(List.of(), change(events.get(2), "folder_ids").get("new"));
        assertEquals("api", events.get(2).get("source"));
    }

    @Test
    void announcesABulkUpdateContactByContactWithItsTaskAndTheTaskWithItsCounts() {
        property("Plan", "text");
        String ann = contact("{\"name\": \"Ann\", \"customFields\": {\"plan\": \"Free\"}}");
        String bo = contact("{\"name\": \"Bo\"}");
        String task = as(tenant)
                .body("""
          {"contacts": [{"id": "%s", "contact": {"custom_properties": {"plan": "Pro"}}},
                        {"id": "%s", "contact": {"custom_properties": {"plan": "Team"}, "status": "optout"}}]}""".formatted(ann, bo))
                .put("/api/v1/contacts/bulk")
                .then()
                .statusCode(202)
                .extract()
                .path("batch_task_id");
        awaitTask(tenant, "bulk_update");

        List<Map<String, Object>> updates = Feed.await(tenant, Map.of("types", "contact.updated"), 2);
        assertEquals(2, updates.size());
        for (Map<String, Object> event : updates) {
            assertEquals("bulk", event.get("source"));
            assertEquals(task, event.get("task_id"));
            assertEquals("usr_test", event.get("actor"));
        }
        Map<String, Object> annEvent = updates.stream()
                .filter(e -> ann.equals(e.get("object_id")))
                .findFirst()
                .orElseThrow();
        assertEquals(Map.of("old", "Free", "new", "Pro"), change(annEvent, "custom_fields.plan"));
        Map<String, Object> boEvent = updates.stream()
                .filter(e -> bo.equals(e.get("object_id")))
                .findFirst()
                .orElseThrow();
        assertNull(change(boEvent, "custom_fields.plan").get("old"));
        assertEquals("optout", change(boEvent, "status").get("new"));

        List<Map<String, Object>> done = Feed.await(tenant, Map.of("types", "task.completed"), 1);
        assertEquals(task, done.get(0).get("object_id"));
        assertEquals("bulk", done.get(0).get("source"));
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) done.get(0).get("data");
        assertEquals("bulk_update", counts.get("task_type"));
        assertEquals(2, counts.get("succeeded"));
        assertEquals(0, counts.get("failed"));
    }

    @Test
    void announcesPropertiesCreatedChangedRetypedAndDeleted() {
        property("Score", "text");
        contact("{\"name\": \"Ann\", \"customFields\": {\"score\": \"12\"}}");
        contact("{\"name\": \"Bo\", \"customFields\": {\"score\": \"lots\"}}");
        as(tenant)
                .body("{\"contact_property\": {\"property_type\": \"number\"}}")
                .put("/api/v1/contact_properties/score")
                .then()
                .statusCode(200);
        awaitTask(tenant, "property_retype");
        as(tenant).delete("/api/v1/contact_properties/score").then().statusCode(204);
        awaitTask(tenant, "property_purge");

        List<Map<String, Object>> events = Feed.await(tenant, Map.of("object_id", "cf_score"), 4);
        assertEquals(
                List.of("property.created", "property.updated", "property.updated", "property.deleted"), types(events));
        assertEquals("Score", change(events.get(0), "title").get("new"));
        assertEquals(Map.of("old", "text", "new", "number"), change(events.get(1), "type"));
        @SuppressWarnings("unchecked")
        Map<String, Object> retype =
                (Map<String, Object>) ((Map<String, Object>) events.get(2).get("data")).get("retype");
        assertEquals("retype", events.get(2).get("source"));
        assertEquals(1, retype.get("converted"));
        assertEquals(1, retype.get("cleared"));
        assertEquals("api", events.get(3).get("source"));

        List<Map<String, Object>> retyped = Feed.await(tenant, Map.of("types", "contact.updated"), 2);
        assertEquals(2, retyped.size(), retyped.toString());
        for (Map<String, Object> event : retyped) {
            assertEquals("retype", event.get("source"));
            Map<String, Object> score = change(event, "custom_fields.score");
            assertTrue(
                    score.equals(Map.of("old", "12", "new", 12))
                            || (score.get("old").equals("lots") && score.get("new") == null),
                    score.toString());
        }
        List<Map<String, Object>> tasks = Feed.await(tenant, Map.of("types", "task.completed"), 2);
        assertEquals(
                List.of("retype", "purge"),
                tasks.stream().map(e -> e.get("source")).toList());
    }

    @Test
    void announcesCustomersAndSurveysWithTheirSource() {
        as(tenant)
                .body("{\"subscribers\": [{\"email\": \"cy@example.com\", \"first_name\": \"Cy\"}]}")
                .post("/api/v2/customers")
                .then()
                .statusCode(200);
        as(tenant)
                .body(
                        "{\"campaign\": \"NPS\", \"customers\": [{\"email\": \"cy@example.com\", \"first_name\": \"Cyd\"}]}")
                .post("/api/v2/survey")
                .then()
                .statusCode(202);
        List<Map<String, Object>> events =
                Feed.await(tenant, Map.of("types", "contact.created,contact.updated,survey.requested"), 3);
        assertEquals(List.of("contact.created", "contact.updated", "survey.requested"), types(events));
        List<Map<String, Object>> properties = Feed.await(tenant, Map.of("types", "property.created"), 3);
        assertEquals(
                List.of("customers"),
                properties.stream().map(e -> e.get("source")).distinct().toList(),
                "the system properties the upsert creates on first use");
        assertEquals("customers", events.get(0).get("source"));
        assertEquals("survey", events.get(1).get("source"));
        assertEquals(Map.of("old", "Cy", "new", "Cyd"), change(events.get(1), "name"));
        assertEquals("survey", events.get(2).get("source"));
        assertEquals("survey_request", events.get(2).get("object_type"));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) events.get(2).get("data");
        assertEquals(events.get(0).get("object_id"), data.get("contact_id"));
        assertEquals("NPS", data.get("campaign"));
    }

    @Test
    void announcesAnImportsContactsWithItsTaskAndItsCompletion() {
        String importId = given().auth()
                .oauth2(Tokens.token(tenant, "contact:create", "contact:list", "custom_field:create"))
                .multiPart("file", "contacts.csv", "name,email,Tier\nDee,dee@example.com,gold\n".getBytes(), "text/csv")
                .multiPart("createMissingProperties", "true")
                .post("/v1/contacts/import")
                .then()
                .statusCode(202)
                .extract()
                .path("importId");
        awaitTask(tenant, "import");

        List<Map<String, Object>> created = Feed.await(tenant, Map.of("types", "contact.created"), 1);
        assertEquals(1, created.size());
        assertEquals("import", created.get(0).get("source"));
        assertEquals(importId, created.get(0).get("task_id"));
        assertEquals("dee@example.com", change(created.get(0), "email").get("new"));
        assertEquals("gold", change(created.get(0), "custom_fields.tier").get("new"));
        List<Map<String, Object>> tier = Feed.await(tenant, Map.of("types", "property.created"), 1);
        assertEquals("cf_tier", tier.get(0).get("object_id"));
        assertEquals("import", tier.get(0).get("source"));
        List<Map<String, Object>> done = Feed.await(tenant, Map.of("types", "import.completed,task.completed"), 2);
        assertEquals(List.of("task.completed", "import.completed"), types(done));
        assertEquals(importId, done.get(1).get("object_id"));
        assertEquals("import", done.get(1).get("object_type"));
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) done.get(1).get("data");
        assertEquals(1, counts.get("created"));
    }

    @Test
    void announcesACancelledTaskWithItsCounts() {
        property("Plan", "text");
        String ann = contact("{\"name\": \"Ann\"}");
        String task = as(tenant)
                .body("{\"contacts\": [{\"id\": \"" + ann
                        + "\", \"contact\": {\"custom_properties\": {\"plan\": \"Pro\"}}}]}")
                .put("/api/v1/contacts/bulk")
                .then()
                .statusCode(202)
                .extract()
                .path("batch_task_id");
        // Cancelled before a worker can claim it, or after its only chunk: either way the task ends once.
        as(tenant).post("/api/v1/batch_tasks/" + task + "/cancel");
        String status = awaitTask(tenant, "bulk_update").getString("status");
        List<Map<String, Object>> ended = Feed.await(tenant, Map.of("object_id", task), 1);
        assertEquals(List.of("task." + status), types(ended));
        assertEquals("bulk", ended.get(0).get("source"));
        assertEquals(task, ended.get(0).get("task_id"));
    }

    @Test
    void neverShowsAnotherTenantsEvents() {
        String id = contact("{\"name\": \"Ann\"}");
        Feed.await(tenant, Map.of(), 1);
        String other = newTenant();
        as(other, "event:read").get("/api/v1/events").then().statusCode(200).body("events.size()", equalTo(0));
        as(other, "event:read")
                .queryParam("object_id", id)
                .get("/api/v1/events")
                .then()
                .statusCode(200)
                .body("events.size()", equalTo(0));
    }

    @Test
    void refusesABadCursorTypeOrLimitWithAProblemNamingTheParameter() {
        problem(
                        as(tenant)
                                .queryParam("after", "not-a-cursor")
                                .get("/api/v1/events")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("after"));
        problem(
                        as(tenant)
                                .queryParam("types", "contact.exploded")
                                .get("/api/v1/events")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("types"))
                .body("errors[0].message", containsString("contact.updated"));
        for (String limit : List.of("0", "1001", "ten")) {
            problem(as(tenant).queryParam("limit", limit).get("/api/v1/events").then(), 400)
                    .body("errors[0].field", equalTo("limit"));
        }
    }

    @Test
    void needsTheEventReadScope() {
        as(tenant, "contact:list").get("/api/v1/events").then().statusCode(403);
    }
}
