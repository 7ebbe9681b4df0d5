package com.contactproperties.api;

import static com.contactproperties.support.Races.RACERS;
import static com.contactproperties.support.Races.assertOneWinner;
import static com.contactproperties.support.Races.assertOnly;
import static com.contactproperties.support.Races.race;
import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Requests.awaitTask;
import static com.contactproperties.support.Tokens.newTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactproperties.platform.dev.DevToken;
import com.contactproperties.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every unique key and every Idempotency-Key path, raced by 16 real concurrent requests: the only
 * answers are the one success, a 409 problem naming the field, or the replay of the first answer;
 * never a 5xx, and what is stored is exactly one object.
 */
@QuarkusTest
class RaceTest {

    private final String tenant = newTenant();

    /** The name in a different letter case for each racer, so that case-insensitive keys are raced too. */
    private static String cased(String name, int racer) {
        return racer % 2 == 0 ? name.toUpperCase(Locale.ROOT) : racer % 3 == 0 ? name : name.toLowerCase(Locale.ROOT);
    }

    private int count(String path, String list) {
        return as(tenant)
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList(list)
                .size();
    }

    @Test
    void createsOneTagWhenRacersShareAName() throws Exception {
        assertOneWinner(
                race(i -> as(tenant)
                        .body("{\"name\": \"" + cased("Vip", i) + "\"}")
                        .post("/v1/tags")),
                201,
                "name");
        assertEquals(1, count("/v1/tags", "tags"));
    }

    @Test
    void createsOneFolderWhenRacersShareAName() throws Exception {
        assertOneWinner(
                race(i -> as(tenant)
                        .body("{\"folder\": {\"name\": \"" + cased("Hot Prospects", i) + "\"}}")
                        .post("/api/v1/folders")),
                201,
                "folder.name");
        assertEquals(1, count("/api/v1/folders", "folders"));
    }

    @Test
    void createsOnePropertyWhenRacersShareATitleOnEverySurface() throws Exception {
        assertOneWinner(
                race(i -> as(tenant)
                        .body("{\"name\": \"" + cased("Plan", i) + "\", \"type\": \"text\"}")
                        .post("/v1/contacts/custom-fields")),
                201,
                "name");
        assertOneWinner(
                race(i -> as(tenant)
                        .body("{\"contact_property\": {\"title\": \"" + cased("Tier", i)
                                + "\", \"property_type\": \"text\"}}")
                        .post("/api/v1/contact_properties")),
                201,
                "contact_property.title");
        assertOneWinner(
                race(i -> as(tenant)
                        .body("{\"name\": \"" + cased("Region", i) + "\", \"type\": \"text\"}")
                        .post("/v1/properties/custom-fields")),
                201,
                "name");
        List<Response> mcp = race(i -> mcpCall(
                "create_contact_property",
                new JsonObject().put("title", cased("Stage", i)).put("property_type", "text")));
        assertOnly(mcp, Set.of(200));
        long created = mcp.stream()
                .filter(r -> !r.asString().contains("\"isError\":true"))
                .count();
        assertEquals(1, created, "one MCP racer creates the property, the others are told it exists");
        mcp.stream()
                .filter(r -> r.asString().contains("\"isError\":true"))
                .forEach(r -> assertTrue(r.asString().contains("already exists"), r.asString()));
        List<String> titles = as(tenant)
                .get("/api/v1/contact_properties")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("contact_properties.title");
        for (String title : List.of("plan", "tier", "stage")) {
            assertEquals(
                    1, titles.stream().filter(t -> t.equalsIgnoreCase(title)).count(), title + " in " + titles);
        }
    }

    @Test
    void createsOneContactWhenRacersShareAnEmailOrAUsername() throws Exception {
        assertOneWinner(
                race(i -> as(tenant)
                        .body("{\"email\": \"" + cased("Ann@Example.com", i) + "\"}")
                        .post("/v1/contacts")),
                201,
                "email");
        assertOneWinner(
                race(i -> as(tenant)
                        .body("{\"username\": \"" + cased("Ann.B", i) + "\"}")
                        .post("/v1/contacts")),
                201,
                "username");
        as(tenant).get("/v1/contacts/count").then().body("totalSize", equalTo(2));
    }

    @Test
    void upsertsOneCustomerWhenRacersShareAnEmail() throws Exception {
        List<Response> answers = race(i -> as(tenant)
                .body("{\"subscribers\": [{\"email\": \"" + cased("ann@example.com", i)
                        + "\", \"tags\": [\"" + cased("Vip", i) + "\"], \"properties\": [{\"label\": \""
                        + cased("Plan", i)
                        + "\", \"value\": \"Pro\"}]}]}")
                .post("/api/v2/customers"));
        assertOnly(answers, Set.of(200, 409));
        assertEquals(
                1,
                answers.stream()
                        .filter(r -> r.statusCode() == 200 && "created".equals(r.path("results[0].status")))
                        .count());
        as(tenant).get("/v1/contacts/count").then().body("totalSize", equalTo(1));
        assertEquals(1, count("/v1/tags", "tags"));
    }

    @Test
    void appliesACustomerUpsertOnceForOneIdempotencyKey() throws Exception {
        String body =
                "{\"subscribers\": [{\"email\": \"ann@example.com\", \"properties\": [{\"label\": \"Plan\", \"value\": \"Pro\"}]}]}";
        List<Response> answers = race(
                i -> as(tenant).header("Idempotency-Key", "upsert-1").body(body).post("/api/v2/customers"));
        assertReplays(answers, 200);
        as(tenant).get("/v1/contacts/count").then().body("totalSize", equalTo(1));
    }

    @Test
    void queuesOneBulkUpdateForOneIdempotencyKey() throws Exception {
        as(tenant)
                .body("{\"email\": \"ann@example.com\"}")
                .post("/v1/contacts")
                .then()
                .statusCode(201);
        String body = "{\"contacts\": [{\"email\": \"ann@example.com\", \"contact\": {\"language\": \"de\"}}]}";
        assertReplays(
                race(i -> as(tenant)
                        .header("Idempotency-Key", "bulk-1")
                        .body(body)
                        .put("/api/v1/contacts/bulk")),
                202);
        awaitTask(tenant, "bulk_update");
        assertEquals(1, count("/api/v1/batch_tasks", "batch_tasks"));
    }

    @Test
    void storesOneImportForOneIdempotencyKey() throws Exception {
        byte[] file = "email,name\nann@example.com,Ann\n".getBytes(StandardCharsets.UTF_8);
        assertReplays(
                race(i -> given().auth()
                        .oauth2(Tokens.token(tenant, "contact:create"))
                        .header("Idempotency-Key", "upload-1")
                        .multiPart("file", "a.csv", file, "text/csv")
                        .post("/v1/contacts/import")),
                202);
        awaitTask(tenant, "import");
        assertEquals(1, count("/api/v1/batch_tasks", "batch_tasks"));
    }

    @Test
    void createsOneContactWhenImportsRaceForAnEmail() throws Exception {
        List<Response> answers = race(i -> given().auth()
                .oauth2(Tokens.token(tenant, "contact:create"))
                .multiPart(
                        "file",
                        "a.csv",
                        ("email,name\n" + cased("ann@example.com", i) + ",Ann " + i + "\n")
                                .getBytes(StandardCharsets.UTF_8),
                        "text/csv")
                .post("/v1/contacts/import"));
        assertOnly(answers, Set.of(202));
        for (Response answer : answers) {
            String status = awaitImport(answer.path("importId"));
            assertEquals("completed", status, "every import completes, none fails on the shared email");
        }
        as(tenant).get("/v1/contacts/count").then().body("totalSize", equalTo(1));
    }

    @Test
    void createsOnePropertyWhenImportsRaceToCreateIt() throws Exception {
        List<Response> answers = race(i -> given().auth()
                .oauth2(Tokens.token(tenant, "contact:create", "custom_field:create"))
                .multiPart("createMissingProperties", "true")
                .multiPart(
                        "file",
                        "a.csv",
                        ("email," + cased("Favourite Colour", i) + "\nann" + i + "@example.com,Blue\n")
                                .getBytes(StandardCharsets.UTF_8),
                        "text/csv")
                .post("/v1/contacts/import"));
        assertOnly(answers, Set.of(202));
        for (Response answer : answers) {
            assertEquals("completed", awaitImport(answer.path("importId")));
        }
        List<String> titles = as(tenant)
                .get("/api/v1/contact_properties")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("contact_properties.title");
        assertEquals(
                1,
                titles.stream()
                        .filter(t -> t.equalsIgnoreCase("favourite colour"))
                        .count(),
                titles.toString());
        as(tenant)
                .queryParam("customFields[favouriteColour]", "Blue")
                .get("/v1/contacts")
                .then()
                .statusCode(200)
                .body("contacts.size()", equalTo(RACERS));
    }

    private String awaitImport(String id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            String status = as(tenant)
                    .get("/v1/contacts/imports/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("status");
            if (!Set.of("pending", "processing").contains(status)) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not end in time");
    }

    /** Every racer got {@code status} with one and the same JSON (the first answer, replayed), or a 409 problem. */
    private static void assertReplays(List<Response> answers, int status) {
        assertOnly(answers, Set.of(status, 409));
        Set<Object> bodies = answers.stream()
                .filter(r -> r.statusCode() == status)
                .map(r -> r.jsonPath().get())
                .collect(Collectors.toSet());
        assertEquals(1, bodies.size(), "every success is the one first answer: " + bodies);
    }

    private Response mcpCall(String tool, JsonObject arguments) {
        String token = Tokens.token(tenant, DevToken.ALL_SCOPES.toArray(String[]::new));
        JsonObject init = new JsonObject()
                .put("jsonrpc", "2.0")
                .put("id", 1)
                .put("method", "initialize")
                .put(
                        "params",
                        new JsonObject()
                                .put("protocolVersion", "2025-06-18")
                                .put("capabilities", new JsonObject())
                                .put(
                                        "clientInfo",
                                        new JsonObject()
                                                .put("name", "race-test")
                                                .put("version", "1")));
        String session = given().auth()
                .oauth2(token)
                .header("Accept", "application/json, text/event-stream")
                .contentType("application/json")
                .body(init.encode())
                .post("/mcp")
                .then()
                .statusCode(200)
                .extract()
                .header("Mcp-Session-Id");
        given().auth()
                .oauth2(token)
                .header("Accept", "application/json, text/event-stream")
                .contentType("application/json")
                .header("Mcp-Session-Id", session)
                .body(new JsonObject()
                        .put("jsonrpc", "2.0")
                        .put("method", "notifications/initialized")
                        .encode())
                .post("/mcp")
                .then()
                .statusCode(202);
        return given().auth()
                .oauth2(token)
                .header("Accept", "application/json, text/event-stream")
                .contentType("application/json")
                .header("Mcp-Session-Id", session)
                .header("Mcp-Protocol-Version", "2025-06-18")
                .body(new JsonObject()
                        .put("jsonrpc", "2.0")
                        .put("id", 2)
                        .put("method", "tools/call")
                        .put("params", new JsonObject().put("name", tool).put("arguments", arguments))
                        .encode())
                .post("/mcp");
    }
}
