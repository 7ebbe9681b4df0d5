package com.contactproperties.api.contacts;

import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Requests.problem;
import static com.contactproperties.support.Tokens.newTenant;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ContactResourceTest {

    private final String tenant = newTenant();

    private void field(String name, String type, String... choices) {
        String extra = choices.length == 0 ? "" : ", \"choices\": [\"" + String.join("\", \"", choices) + "\"]";
        as(tenant)
                .body("{\"name\": \"" + name + "\", \"type\": \"" + type + "\"" + extra + "}")
                .post("/v1/contacts/custom-fields")
                .then()
                .statusCode(201);
    }

    private ValidatableResponse create(String body) {
        return as(tenant).body(body).post("/v1/contacts").then();
    }

    private String createId(String body) {
        return create(body).statusCode(201).extract().path("id");
    }

    @Test
    void createsTheContactOfTheSeed() {
        field("Lifecycle stage", "text");
        field("Preferred store", "text");
        var response = create("""
        {"name": "Anna Kowalska", "phone": "+48 123 456 789",
         "customFields": {"lifecycleStage": "lead", "preferredStore": "Krakow"}}""").statusCode(201);
        String id = response.extract().path("id");
        response.header("Location", containsString("/v1/contacts/" + id))
                .body("id", matchesPattern("con_[0-9A-HJKMNP-TV-Z]{26}"))
                .body("tenantId", equalTo(tenant))
                .body("name", equalTo("Anna Kowalska"))
                .body("phone", equalTo("+48123456789"))
                .body("status", equalTo("active"))
                .body("identities.size()", equalTo(1))
                .body("identities[0].channel", equalTo("whatsapp"))
                .body("identities[0].metadata.phoneNumber", equalTo("+48123456789"))
                .body("tagIds", empty())
                .body("customFields.lifecycleStage", equalTo("lead"))
                .body("customFields.preferredStore", equalTo("Krakow"))
                .body("createdAt", notNullValue())
                .body("archivedAt", nullValue());
        as(tenant).get("/v1/contacts/" + id).then().statusCode(200).body("customFields", aMapWithSize(2));
    }

    @Test
    void acceptsEverySpellingOfAPropertyAndValidatesByType() {
        field("Renewal date", "date");
        field("Plan", "single_choice", "Free", "Pro");
        String id = createId("""
        {"customFields": {"renewal_date": "12/31/2026", "cf_plan": "pro"}}""");
        as(tenant)
                .get("/v1/contacts/" + id)
                .then()
                .body("customFields.renewalDate", equalTo("2026-12-31"))
                .body("customFields.plan", equalTo("Pro"));
        problem(create("{\"customFields\": {\"renewal-date\": \"31/12/2026\", \"plan\": \"Gold\", \"nope\": 1}}"), 422)
                .body("errors.field", hasItem("customFields.renewal-date"))
                .body("errors.field", hasItem("customFields.plan"))
                .body("errors.field", hasItem("customFields.nope"))
                .body("errors.message", hasItem(containsString("not one of the choices: Free, Pro")));
    }

    @Test
    void refusesInvalidContactFieldsNamingThem() {
        problem(
                        create(
                                "{\"email\": \"not-an-email\", \"phone\": \"12\", \"language\": \"xx\", \"status\": \"active\"}"),
                        422)
                .body("errors.field", hasItem("email"))
                .body("errors.field", hasItem("phone"))
                .body("errors.field", hasItem("language"))
                .body("errors.field", hasItem("status"));
        problem(create("{\"identities\": [{\"channel\": \"pigeon\"}]}"), 422)
                .body("errors[0].field", equalTo("identities[0].channel"));
        problem(create("{\"tagIds\": [\"tag_missing\"]}"), 422).body("errors[0].field", equalTo("tagIds"));
        problem(create("{\"name\": 5, \"email\": []}"), 400);
        problem(create("{\"nickname\": \"x\"}"), 400).body("errors[0].field", equalTo("nickname"));
    }

    @Test
    void keepsEmailAndUsernameUniqueAmongLiveContacts() {
        String first = createId("{\"email\": \"Anna@Example.com\", \"username\": \"anna_k\"}");
        problem(create("{\"email\": \"anna@example.COM\"}"), 409)
                .body("errors[0].field", equalTo("email"))
                .body("detail", containsString(first));
        problem(create("{\"username\": \"ANNA_K\"}"), 409).body("errors[0].field", equalTo("username"));
        String second = createId("{\"email\": \"other@example.com\"}");
        problem(
                as(tenant)
                        .body("{\"email\": \"anna@example.com\"}")
                        .patch("/v1/contacts/" + second)
                        .then(),
                409);
        as(tenant).delete("/v1/contacts/" + first).then().statusCode(204);
        as(tenant)
                .body("{\"email\": \"anna@example.com\", \"username\": \"anna_k\"}")
                .patch("/v1/contacts/" + second)
                .then()
                .statusCode(200)
                .body("email", equalTo("anna@example.com"));
    }

    @Test
    void replaysSeed003sCreateExampleVerbatim() {
        field("Lifecycle stage", "text");
        field("Preferred store", "text");
        create("""
        {
          "name": "Anna Kowalska",
          "phone": "+48123456789",
          "customFields": {
            "lifecycleStage": "lead",
            "preferredStore": "Krakow"
          }
        }""")
                .statusCode(201)
                .body("name", equalTo("Anna Kowalska"))
                .body("tenantId", equalTo(tenant))
                .body("identities[0].id", matchesPattern("idn_[0-9A-HJKMNP-TV-Z]{26}"))
                .body("identities[0].channel", equalTo("whatsapp"))
                .body("identities[0].metadata.phoneNumber", equalTo("+48123456789"))
                .body("customFields.lifecycleStage", equalTo("lead"))
                .body("customFields.preferredStore", equalTo("Krakow"))
                .body("archivedAt", nullValue());
    }

    @Test
    void keepsThePhonesWhatsappIdentityInStepWithThePhone() {
        String id = createId("{\"name\": \"Anna\", \"phone\": \"+48123456789\"}");
        createId("{\"name\": \"No phone\"}");
        as(tenant)
                .queryParam("channels", "whatsapp")
                .get("/v1/contacts")
                .then()
                .body("contacts.id", equalTo(List.of(id)));
        as(tenant)
                .body("{\"phone\": \"+48 601 234 567\"}")
                .patch("/v1/contacts/" + id)
                .then()
                .statusCode(200)
                .body("identities.size()", equalTo(1))
                .body("identities[0].metadata.phoneNumber", equalTo("+48601234567"));
        as(tenant)
                .body("{\"contacts\": [{\"id\": \"" + id + "\", \"contact\": {\"phone\": \"+48500100200\"}}]}")
                .put("/api/v1/contacts/bulk")
                .then()
                .statusCode(202);
        com.contactproperties.support.Requests.awaitTask(tenant, "bulk_update");
        as(tenant).get("/v1/contacts/" + id).then().body("identities[0].metadata.phoneNumber", equalTo("+48500100200"));
        as(tenant)
                .body("{\"phone\": null}")
                .patch("/v1/contacts/" + id)
                .then()
                .statusCode(200)
                .body("identities", empty());
        as(tenant).queryParam("channels", "whatsapp").get("/v1/contacts").then().body("contacts", empty());
    }

    @Test
    void patchesOnlyTheFieldsSent() {
        field("Plan", "text");
        String id = createId(
                "{\"name\": \"Anna\", \"email\": \"a@example.com\", \"language\": \"pl\", \"customFields\": {\"plan\": \"A\"}}");
        as(tenant)
                .body("{\"name\": \"order_ready\"}")
                .patch("/v1/contacts/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("order_ready"))
                .body("email", equalTo("a@example.com"))
                .body("language", equalTo("pl"))
                .body("customFields.plan", equalTo("A"));
        as(tenant)
                .body(
                        "{\"email\": null, \"status\": \"optout\", \"identities\": [{\"channel\": \"whatsapp\", \"metadata\": "
                                + "{\"phoneNumber\": \"+48123456789\"}}]}")
                .patch("/v1/contacts/" + id)
                .then()
                .statusCode(200)
                .body("email", nullValue())
                .body("status", equalTo("optout"))
                .body("name", equalTo("order_ready"))
                .body("identities[0].channel", equalTo("whatsapp"))
                .body("identities[0].id", matchesPattern("idn_.{26}"))
                .body("identities[0].metadata.phoneNumber", equalTo("+48123456789"));
        as(tenant)
                .body("{\"status\": \"auto\", \"customFields\": {\"plan\": null}}")
                .patch("/v1/contacts/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("active"))
                .body("customFields", aMapWithSize(0));
    }

    @Test
    void setsAndClearsOneValue() {
        field("Preferred store", "text");
        String id = createId("{}");
        as(tenant)
                .body("{\"value\": \"Krakow\"}")
                .put("/v1/contacts/" + id + "/custom-fields/cf_preferred_store")
                .then()
                .statusCode(204);
        as(tenant).get("/v1/contacts/" + id).then().body("customFields.preferredStore", equalTo("Krakow"));
        as(tenant)
                .body("{\"value\": \"\"}")
                .put("/v1/contacts/" + id + "/custom-fields/preferredStore")
                .then()
                .statusCode(204);
        as(tenant).get("/v1/contacts/" + id).then().body("customFields", aMapWithSize(0));
        as(tenant).get("/v1/contacts/custom-fields/cf_preferred_store").then().statusCode(200);
        as(tenant)
                .body("{\"value\": \"+48 123 456 789\"}")
                .put("/v1/contacts/" + id + "/custom-fields/cf_phone")
                .then()
                .statusCode(204);
        as(tenant).get("/v1/contacts/" + id).then().body("phone", equalTo("+48123456789"));
        problem(
                as(tenant)
                        .body("{\"value\": \"x\"}")
                        .put("/v1/contacts/" + id + "/custom-fields/cf_nope")
                        .then(),
                404);
        problem(
                as(tenant)
                        .body("{\"value\": \"x\"}")
                        .put("/v1/contacts/con_missing/custom-fields/cf_preferred_store")
                        .then(),
                404);
        problem(
                        as(tenant)
                                .body("{}")
                                .put("/v1/contacts/" + id + "/custom-fields/cf_preferred_store")
                                .then(),
                        400)
                .body("errors[0].field", equalTo("value"));
        problem(
                        as(tenant)
                                .body("{\"value\": {\"a\": 1}}")
                                .put("/v1/contacts/" + id + "/custom-fields/cf_preferred_store")
                                .then(),
                        422)
                .body("errors[0].field", equalTo("value"));
    }

    @Test
    void keepsAllFiftyConcurrentSingleFieldWrites() throws Exception {
        List<String> keys = IntStream.range(0, 50).mapToObj(i -> "field_" + i).toList();
        keys.forEach(key -> field(key, "number"));
        String id = createId("{}");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                int n = i;
                writes.add(CompletableFuture.supplyAsync(
                        () -> as(tenant)
                                .body("{\"value\": " + n + "}")
                                .put("/v1/contacts/" + id + "/custom-fields/" + keys.get(n))
                                .then()
                                .extract()
                                .statusCode(),
                        pool));
            }
            for (CompletableFuture<Integer> write : writes) {
                assertEquals(204, write.get());
            }
        } finally {
            pool.shutdown();
        }
        Map<String, Object> fields =
                as(tenant).get("/v1/contacts/" + id).then().extract().jsonPath().getMap("customFields");
        assertEquals(50, fields.size());
        for (int i = 0; i < 50; i++) {
            assertEquals(i, ((Number) fields.get("field" + i)).intValue());
        }
    }

    @Test
    void archivesAndUnarchivesOnceEach() {
        String id = createId("{}");
        as(tenant).post("/v1/contacts/" + id + "/archive").then().statusCode(204);
        as(tenant)
                .get("/v1/contacts/" + id)
                .then()
                .body("status", equalTo("archived"))
                .body("archivedAt", notNullValue());
        problem(as(tenant).post("/v1/contacts/" + id + "/archive").then(), 409);
        as(tenant).post("/v1/contacts/" + id + "/unarchive").then().statusCode(204);
        problem(as(tenant).post("/v1/contacts/" + id + "/unarchive").then(), 409);
        problem(as(tenant).post("/v1/contacts/con_missing/archive").then(), 404);
        problem(as(tenant).post("/v1/contacts/con_missing/unarchive").then(), 404);
    }

    @Test
    void countsLiveContactsPerArchiveBucket() {
        String a = createId("{}");
        createId("{}");
        createId("{}");
        as(tenant).post("/v1/contacts/" + a + "/archive").then().statusCode(204);
        as(tenant).get("/v1/contacts/count").then().statusCode(200).body("totalSize", equalTo(2));
        as(tenant)
                .queryParam("archived", "false")
                .get("/v1/contacts/count")
                .then()
                .body("totalSize", equalTo(2));
        as(tenant)
                .queryParam("archived", "true")
                .get("/v1/contacts/count")
                .then()
                .body("totalSize", equalTo(1));
        problem(
                as(tenant)
                        .queryParam("archived", "maybe")
                        .get("/v1/contacts/count")
                        .then(),
                400);
    }

    @Test
    void deletesSoftlyAndThenAnswers404Everywhere() {
        String id = createId("{\"email\": \"gone@example.com\"}");
        as(tenant).delete("/v1/contacts/" + id).then().statusCode(204);
        problem(as(tenant).get("/v1/contacts/" + id).then(), 404);
        problem(as(tenant).delete("/v1/contacts/" + id).then(), 404);
        problem(as(tenant).body("{\"name\": \"x\"}").patch("/v1/contacts/" + id).then(), 404);
        problem(as(tenant).post("/v1/contacts/" + id + "/archive").then(), 404);
        as(tenant).get("/v1/contacts/count").then().body("totalSize", equalTo(0));
        createId("{\"email\": \"gone@example.com\"}");
    }

    @Test
    void countsTheLabelsOfEveryTagOnAPage() {
        String gold = as(tenant)
                .body("{\"name\": \"Gold\"}")
                .post("/v1/tags")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String silver = as(tenant)
                .body("{\"name\": \"Silver\"}")
                .post("/v1/tags")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(tenant).body("{\"name\": \"Unused\"}").post("/v1/tags").then().statusCode(201);
        String both = createId("{}");
        String one = createId("{}");
        as(tenant).post("/v1/contacts/" + both + "/tags/" + gold).then().statusCode(204);
        as(tenant).post("/v1/contacts/" + both + "/tags/" + silver).then().statusCode(204);
        as(tenant).post("/v1/contacts/" + one + "/tags/" + silver).then().statusCode(204);
        as(tenant)
                .get("/v1/tags")
                .then()
                .statusCode(200)
                .body("tags.name", contains("Gold", "Silver", "Unused"))
                .body("tags.labeledCount", contains(1, 2, 0));
    }

    @Test
    void tagsAndUntagsIdempotentlyAndCountsLabels() {
        String tag = as(tenant)
                .body("{\"name\": \"VIP\"}")
                .post("/v1/tags")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String id = createId("{}");
        as(tenant).post("/v1/contacts/" + id + "/tags/" + tag).then().statusCode(204);
        as(tenant).post("/v1/contacts/" + id + "/tags/" + tag).then().statusCode(204);
        as(tenant).get("/v1/contacts/" + id).then().body("tagIds", contains(tag));
        as(tenant).get("/v1/tags").then().body("tags[0].labeledCount", equalTo(1));
        problem(as(tenant).post("/v1/contacts/" + id + "/tags/tag_missing").then(), 404);
        problem(as(tenant).post("/v1/contacts/con_missing/tags/" + tag).then(), 404);
        as(tenant).delete("/v1/contacts/" + id + "/tags/" + tag).then().statusCode(204);
        as(tenant).delete("/v1/contacts/" + id + "/tags/" + tag).then().statusCode(204);
        as(tenant).get("/v1/tags").then().body("tags[0].labeledCount", equalTo(0));
        problem(as(tenant).delete("/v1/contacts/" + id + "/tags/tag_missing").then(), 404);
    }

    @Test
    void deletingATagRemovesItFromEveryContact() {
        String tag = as(tenant)
                .body("{\"name\": \"Temp\"}")
                .post("/v1/tags")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String id = createId("{\"tagIds\": [\"" + tag + "\"]}");
        as(tenant).get("/v1/contacts/" + id).then().body("tagIds", contains(tag));
        as(tenant).delete("/v1/tags/" + tag).then().statusCode(204);
        as(tenant).get("/v1/contacts/" + id).then().body("tagIds", empty());
    }

    @Test
    void neverShowsValuesOfADeletedProperty() {
        field("Secret", "text");
        String id = createId("{\"customFields\": {\"secret\": \"x\"}}");
        as(tenant).delete("/v1/contacts/custom-fields/cf_secret").then().statusCode(204);
        as(tenant).get("/v1/contacts/" + id).then().body("customFields", aMapWithSize(0));
        JsonPath list = as(tenant).get("/v1/contacts").then().extract().jsonPath();
        assertEquals(Map.of(), list.getMap("contacts[0].customFields"));
    }

    @Test
    void neverReachesAnotherTenantsContact() {
        String id = createId("{\"name\": \"Mine\"}");
        String tag = as(tenant)
                .body("{\"name\": \"T\"}")
                .post("/v1/tags")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String other = newTenant();
        as(other)
                .body("{\"name\": \"F\", \"type\": \"text\"}")
                .post("/v1/contacts/custom-fields")
                .then()
                .statusCode(201);
        String otherTag = as(other)
                .body("{\"name\": \"T\"}")
                .post("/v1/tags")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        problem(as(other).get("/v1/contacts/" + id).then(), 404);
        problem(as(other).body("{\"name\": \"x\"}").patch("/v1/contacts/" + id).then(), 404);
        problem(as(other).delete("/v1/contacts/" + id).then(), 404);
        problem(as(other).post("/v1/contacts/" + id + "/archive").then(), 404);
        problem(as(other).post("/v1/contacts/" + id + "/unarchive").then(), 404);
        problem(
                as(other)
                        .body("{\"value\": \"x\"}")
                        .put("/v1/contacts/" + id + "/custom-fields/cf_f")
                        .then(),
                404);
        problem(as(other).post("/v1/contacts/" + id + "/tags/" + otherTag).then(), 404);
        problem(as(tenant).post("/v1/contacts/" + id + "/tags/" + otherTag).then(), 404);
        problem(as(other).delete("/v1/contacts/" + id + "/tags/" + tag).then(), 404);
        as(other).get("/v1/contacts").then().body("contacts", empty());
        as(other).get("/v1/contacts/count").then().body("totalSize", equalTo(0));
        as(tenant).get("/v1/contacts/" + id).then().statusCode(200).body("name", equalTo("Mine"));
    }

    @Test
    void enforcesTheContactScopes() {
        String id = createId("{}");
        problem(as(tenant, "contact:read").get("/v1/contacts").then(), 403);
        problem(as(tenant, "contact:read").get("/v1/contacts/count").then(), 403);
        problem(as(tenant, "contact:list").get("/v1/contacts/" + id).then(), 403);
        problem(as(tenant, "contact:update").body("{}").post("/v1/contacts").then(), 403);
        problem(
                as(tenant, "contact:read")
                        .body("{}")
                        .patch("/v1/contacts/" + id)
                        .then(),
                403);
        problem(as(tenant, "contact:update").delete("/v1/contacts/" + id).then(), 403);
        problem(
                as(tenant, "contact:read")
                        .post("/v1/contacts/" + id + "/archive")
                        .then(),
                403);
        problem(
                as(tenant, "contact:read")
                        .body("{\"value\": 1}")
                        .put("/v1/contacts/" + id + "/custom-fields/cf_x")
                        .then(),
                403);
        problem(
                as(tenant, "contact:read")
                        .post("/v1/contacts/" + id + "/tags/tag_x")
                        .then(),
                403);
        as(tenant, "contact:list").get("/v1/contacts").then().statusCode(200);
        as(tenant, "contact:read").get("/v1/contacts/" + id).then().statusCode(200);
        as(tenant, "contact:create").body("{}").post("/v1/contacts").then().statusCode(201);
        as(tenant, "contact:delete").delete("/v1/contacts/" + id).then().statusCode(204);
    }
}
