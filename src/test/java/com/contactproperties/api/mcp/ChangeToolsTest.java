package com.contactproperties.api.mcp;

import static com.contactproperties.api.mcp.McpCalls.args;
import static com.contactproperties.api.mcp.McpCalls.assertMentions;
import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Tokens.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChangeToolsTest {

    @TestHTTPResource
    URI base;

    private final String tenant = newTenant();
    private final McpCalls calls = new McpCalls();

    /** The tool's answer once it lists {@code count} changes: an event is listed once its transaction is behind every running one. */
    private JsonArray changes(McpStreamableTestClient mcp, Map<String, Object> args, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonArray changes = calls.ok(mcp, "list_recent_changes", args).getJsonArray("changes");
        while (changes.size() < count && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            changes = calls.ok(mcp, "list_recent_changes", args).getJsonArray("changes");
        }
        return changes;
    }

    @Test
    void answersWhatChangedOnAContactTodayAndWhoChangedIt() {
        String id = as(tenant)
                .body("{\"name\": \"Ann\"}")
                .post("/v1/contacts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        McpStreamableTestClient mcp = McpCalls.client(base, tenant);
        calls.ok(mcp, "update_contact", args("id", id, "name", "Ann Lee"));

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonArray changes = changes(mcp, args("object_id", id, "since", today), 2);
        assertEquals(2, changes.size(), changes.encode());
        JsonObject latest = changes.getJsonObject(0);
        assertEquals("contact.updated", latest.getString("type"));
        assertEquals("mcp", latest.getString("source"));
        assertEquals("usr_test", latest.getString("actor"));
        assertEquals(id, latest.getString("object_id"));
        assertEquals(
                new JsonObject(Map.of("old", "Ann", "new", "Ann Lee")),
                latest.getJsonObject("data").getJsonObject("changes").getJsonObject("name"));
        assertEquals("contact.created", changes.getJsonObject(1).getString("type"));
        assertEquals("api", changes.getJsonObject(1).getString("source"));

        JsonArray created = calls.ok(mcp, "list_recent_changes", args("types", List.of("contact.created"), "limit", 5))
                .getJsonArray("changes");
        assertEquals(1, created.size());
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        assertTrue(calls.ok(mcp, "list_recent_changes", args("object_id", id, "since", tomorrow))
                .getJsonArray("changes")
                .isEmpty());
    }

    @Test
    void neverListsAnotherTenantsChanges() {
        String id = as(tenant)
                .body("{\"name\": \"Ann\"}")
                .post("/v1/contacts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertEquals(
                1,
                changes(McpCalls.client(base, tenant), args("object_id", id), 1).size());
        McpStreamableTestClient other = McpCalls.client(base, newTenant());
        assertTrue(calls.ok(other, "list_recent_changes", args("object_id", id))
                .getJsonArray("changes")
                .isEmpty());
        assertTrue(calls.ok(other, "list_recent_changes", Map.of())
                .getJsonArray("changes")
                .isEmpty());
    }

    @Test
    void refusesInvalidFiltersSayingWhatToFix() {
        McpStreamableTestClient mcp = McpCalls.client(base, tenant);
        assertMentions(
                calls.error(mcp, "list_recent_changes", args("types", List.of("contact.exploded"))),
                "types",
                "contact.updated");
        assertMentions(calls.error(mcp, "list_recent_changes", args("since", "yesterday")), "since", "YYYY-MM-DD");
        assertMentions(calls.error(mcp, "list_recent_changes", args("limit", 0)), "limit");
        assertMentions(
                calls.error(McpCalls.client(base, tenant, "contact:list"), "list_recent_changes", Map.of()),
                "Forbidden",
                "event:read");
    }
}
