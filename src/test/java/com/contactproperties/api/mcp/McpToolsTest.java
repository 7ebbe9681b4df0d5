package com.contactproperties.api.mcp;

import static com.contactproperties.api.mcp.McpCalls.args;
import static com.contactproperties.api.mcp.McpCalls.assertMentions;
import static com.contactproperties.api.mcp.McpCalls.text;
import static com.contactproperties.support.Requests.as;
import static com.contactproperties.support.Tokens.newTenant;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactproperties.platform.dev.DevToken;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkiverse.mcp.server.test.McpAssured.ToolInfo;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The MCP server at /mcp, driven by the extension's MCP client over streamable HTTP: the protocol
 * handshake, the tool list and schemas, every tool's happy path and invalid inputs, scopes, tenancy
 * and the resources.
 */
@QuarkusTest
class McpToolsTest {

    static final List<String> TOOLS = List.of(
            "create_contact_property",
            "update_contact_property",
            "delete_contact_property",
            "bulk_update_contacts",
            "list_batch_tasks",
            "get_batch_task",
            "list_contact_properties",
            "search_contacts",
            "get_contact",
            "set_contact_property_value",
            "get_import_status",
            "count_contacts",
            "create_contact",
            "update_contact",
            "archive_contact",
            "unarchive_contact",
            "list_tags",
            "create_tag",
            "tag_contact",
            "untag_contact",
            "list_folders",
            "create_folder",
            "cancel_batch_task",
            "get_contact_property",
            "list_recent_changes");

    @TestHTTPResource
    URI base;

    private final String tenant = newTenant();

    private final McpCalls calls = new McpCalls();

    private McpStreamableTestClient client(String tenant, String... scopes) {
        return McpCalls.client(base, tenant, scopes);
    }

    private String contact(String tenant, String body) {
        return as(tenant)
                .body(body)
                .post("/v1/contacts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void initializesAndListsEveryToolWithADescribedSchema() {
        McpStreamableTestClient mcp = client(tenant);
        assertNotNull(mcp.mcpSessionId());
        mcp.when()
                .toolsList(page -> {
                    assertEquals(TOOLS.size(), page.size());
                    for (String name : TOOLS) {
                        ToolInfo tool = page.findByName(name);
                        assertNotNull(tool, name);
                        assertTrue(tool.description().length() > 80, name + " has a description written for a model");
                        assertMentions(tool.description(), "scope");
                        JsonObject properties = tool.inputSchema().getJsonObject("properties");
                        properties.forEach(arg -> assertNotNull(
                                ((JsonObject) arg.getValue()).getString("description"),
                                name + "." + arg.getKey() + " is described"));
                    }
                    JsonObject create =
                            page.findByName("create_contact_property").inputSchema();
                    assertEquals(new JsonArray(List.of("title")), create.getJsonArray("required"));
                    assertEquals(
                            List.of(
                                    "text",
                                    "number",
                                    "date",
                                    "email",
                                    "phone",
                                    "url",
                                    "boolean",
                                    "list",
                                    "single_choice",
                                    "multiple_choice"),
                            create.getJsonObject("properties")
                                    .getJsonObject("property_type")
                                    .getJsonArray("enum")
                                    .getList());
                    JsonObject entry = page.findByName("bulk_update_contacts")
                            .inputSchema()
                            .getJsonObject("properties")
                            .getJsonObject("contacts")
                            .getJsonObject("items")
                            .getJsonObject("properties");
                    assertEquals(
                            List.of("auto", "optout", "spam"),
                            entry.getJsonObject("updates")
                                    .getJsonObject("properties")
                                    .getJsonObject("status")
                                    .getJsonArray("enum")
                                    .getList());
                    assertNotNull(entry.getJsonObject("updates")
                            .getJsonObject("properties")
                            .getJsonObject("custom_properties"));
                    assertEquals(
                            List.of("pending", "processing", "completed", "failed", "cancelled"),
                            page.findByName("list_batch_tasks")
                                    .inputSchema()
                                    .getJsonObject("properties")
                                    .getJsonObject("status")
                                    .getJsonArray("enum")
                                    .getList());
                    JsonObject task =
                            page.findByName("get_batch_task").outputSchema().getJsonObject("properties");
                    assertEquals(
                            new JsonArray(List.of("string", "null")),
                            task.getJsonObject("completed_at").getValue("type"),
                            "output schemas allow the nulls the results hold, so that validating clients accept them");
                    assertNotNull(page.findByName("bulk_update_contacts")
                            .outputSchema()
                            .getJsonObject("properties")
                            .getJsonObject("batch_task_id"));
                })
                .thenAssertResults();
    }

    @Test
    void createsListsUpdatesAndDeletesAProperty() {
        McpStreamableTestClient mcp = client(tenant);
        JsonObject created = calls.ok(
                        mcp,
                        "create_contact_property",
                        args(
                                "title",
                                "Subscription Plan",
                                "property_type",
                                "single_choice",
                                "choices",
                                List.of("Free", "Pro", "Business"),
                                "agent_active",
                                true))
                .getJsonObject("contact_property");
        assertEquals("subscription-plan", created.getString("slug"));
        assertEquals("single_choice", created.getString("property_type"));
        assertTrue(created.getBoolean("agent_active"));

        JsonArray all = calls.ok(mcp, "list_contact_properties", Map.of()).getJsonArray("contact_properties");
        assertEquals(
                List.of("email", "phone", "subscription-plan"),
                all.stream().map(p -> ((JsonObject) p).getString("slug")).toList());

        JsonObject updated = calls.ok(
                        mcp,
                        "update_contact_property",
                        args("slug", "Subscription Plan", "title", "Plan", "description", "The plan paid for"))
                .getJsonObject("contact_property");
        assertEquals("subscription-plan", updated.getString("slug"));
        assertEquals("Plan", updated.getString("title"));
        assertEquals("The plan paid for", updated.getString("description"));

        JsonObject asked = calls.ok(mcp, "delete_contact_property", args("slug", "subscription-plan"));
        assertTrue(asked.getBoolean("confirmation_required"), "deleting asks for confirm: true first");
        assertEquals(
                3,
                calls.ok(mcp, "list_contact_properties", Map.of())
                        .getJsonArray("contact_properties")
                        .size(),
                "nothing deleted yet");
        ToolResponse deleted =
                calls.call(mcp, "delete_contact_property", args("slug", "subscription-plan", "confirm", true));
        assertFalse(deleted.isError(), () -> text(deleted));
        assertMentions(text(deleted), "subscription-plan");
        assertEquals(
                2,
                calls.ok(mcp, "list_contact_properties", Map.of())
                        .getJsonArray("contact_properties")
                        .size());
    }

    @Test
    void propertyToolsAnswerInvalidInputWithToolErrorsSayingWhatToFix() {
        McpStreamableTestClient mcp = client(tenant);
        calls.ok(
                mcp,
                "create_contact_property",
                args("title", "Plan", "property_type", "single_choice", "choices", List.of("Free", "Pro")));

        assertMentions(
                calls.error(mcp, "create_contact_property", args("title", "Score", "property_type", "decimal")),
                "property_type");
        assertMentions(
                calls.error(mcp, "create_contact_property", args("title", "Plan")),
                "Conflict",
                "Plan",
                "already exists");
        assertMentions(
                calls.error(mcp, "create_contact_property", args("title", "Tier", "property_type", "single_choice")),
                "choices");
        assertMentions(calls.error(mcp, "create_contact_property", args("property_type", "text")), "title");

        assertMentions(
                calls.error(mcp, "update_contact_property", args("slug", "no-such-property", "title", "X")),
                "Not Found",
                "no-such-property");
        assertMentions(calls.error(mcp, "update_contact_property", args("slug", "plan", "title", "")), "title");
        assertMentions(
                calls.error(mcp, "update_contact_property", args("slug", "plan", "choice_renames", "Free")),
                "choice_renames");

        assertMentions(calls.error(mcp, "delete_contact_property", args("slug", "no-such-property")), "Not Found");
        assertMentions(calls.error(mcp, "delete_contact_property", args("slug", "email")), "Conflict", "predefined");
        assertMentions(calls.error(mcp, "delete_contact_property", Map.of()), "slug");

        assertMentions(
                calls.error(mcp, "list_folders", args("unexpected", 1)),
                "Unknown argument 'unexpected'",
                "no arguments");
        assertMentions(
                calls.error(mcp, "list_contact_properties", args("unexpected", 1)),
                "Unknown argument 'unexpected'",
                "agent_active");
        assertMentions(
                calls.error(mcp, "create_contact_property", args("title", "Score", "propertyType", "number")),
                "Unknown argument 'propertyType'",
                "property_type");
        assertEquals(
                3,
                calls.ok(mcp, "list_contact_properties", Map.of())
                        .getJsonArray("contact_properties")
                        .size(),
                "nothing half-written");
    }

    @Test
    void retypesWithADryRunFirst() {
        McpStreamableTestClient mcp = client(tenant);
        calls.ok(mcp, "create_contact_property", args("title", "Score", "property_type", "text"));
        contact(tenant, "{\"customFields\": {\"score\": \"12\"}}");
        contact(tenant, "{\"customFields\": {\"score\": \"high\"}}");

        JsonObject dryRun = calls.ok(
                mcp, "update_contact_property", args("slug", "score", "property_type", "number", "dry_run", true));
        assertEquals(1, dryRun.getJsonObject("dry_run").getInteger("would_convert"));
        assertEquals(1, dryRun.getJsonObject("dry_run").getInteger("would_clear"));
        assertEquals(
                "text",
                dryRun.getJsonObject("contact_property").getString("property_type"),
                "a dry run changes nothing");

        JsonObject asked = calls.ok(mcp, "update_contact_property", args("slug", "score", "property_type", "number"));
        assertTrue(
                asked.getBoolean("confirmation_required"), "a retype that clears a value asks for confirm: true first");
        assertEquals(1, asked.getJsonObject("dry_run").getInteger("would_clear"));
        assertEquals("text", asked.getJsonObject("contact_property").getString("property_type"), "nothing changed yet");
        JsonObject retyped = calls.ok(
                mcp, "update_contact_property", args("slug", "score", "property_type", "number", "confirm", true));
        JsonObject task = calls.awaitTask(mcp, retyped.getString("retype_task_id"));
        assertEquals("completed", task.getString("status"));
        assertEquals(1, task.getJsonArray("errors").size());
    }

    @Test
    void bulkUpdatesThreeContactsAndFollowsTheTaskToCompletion() {
        McpStreamableTestClient mcp = client(tenant);
        calls.ok(
                mcp,
                "create_contact_property",
                args("title", "Plan", "property_type", "single_choice", "choices", List.of("Free", "Pro")));
        String byId = contact(tenant, "{\"name\": \"By id\"}");
        String janeId = contact(tenant, "{\"username\": \"jane_doe\"}");
        contact(tenant, "{\"email\": \"john@example.com\"}");

        JsonObject answer = calls.ok(
                mcp,
                "bulk_update_contacts",
                args(
                        "contacts",
                        List.of(
                                args(
                                        "id",
                                        byId,
                                        "updates",
                                        args("name", "Ada", "custom_properties", args("plan", "Pro"))),
                                args("username", "jane_doe", "updates", args("status", "optout", "language", "pl")),
                                args(
                                        "email",
                                        "john@example.com",
                                        "updates",
                                        args("custom_properties", args("plan", "Gold"))),
                                args("email", "nobody@example.com", "updates", args("name", "Nobody")))));
        assertEquals("pending", answer.getString("status"));
        assertEquals(2, answer.getInteger("accepted_count"));
        assertEquals(
                List.of(Map.of("email", "nobody@example.com")),
                answer.getJsonArray("not_found").getList());
        assertEquals(2, answer.getJsonArray("invalid").getJsonObject(0).getInteger("index"));
        assertMentions(answer.getJsonArray("invalid").encode(), "plan", "Free", "Pro");

        JsonObject task = calls.awaitTask(mcp, answer.getString("batch_task_id"));
        assertEquals("completed", task.getString("status"));
        assertEquals("bulk_update", task.getString("task_type"));
        assertEquals(2, task.getInteger("succeeded_count"));
        assertEquals(100.0, task.getDouble("progress_percentage"));

        JsonObject ada = calls.ok(mcp, "get_contact", args("id", byId));
        assertEquals("Ada", ada.getString("name"));
        assertEquals("Pro", ada.getJsonObject("custom_fields").getString("plan"));
        JsonObject jane = calls.ok(mcp, "get_contact", args("id", janeId));
        assertEquals("optout", jane.getString("status"));
        assertEquals("pl", jane.getString("language"));

        JsonArray tasks = calls.ok(mcp, "list_batch_tasks", args("task_type", "bulk_update", "status", "completed"))
                .getJsonArray("batch_tasks");
        assertEquals(answer.getString("batch_task_id"), tasks.getJsonObject(0).getString("id"));
    }

    @Test
    void bulkUpdateAnswersANumericIdAsNotFoundAndRefusesOnlyAnUnusableOne() {
        McpStreamableTestClient mcp = client(tenant);
        String ann = contact(tenant, "{\"email\": \"ann@example.com\"}");
        JsonObject answer = calls.ok(
                mcp,
                "bulk_update_contacts",
                args(
                        "contacts",
                        List.of(
                                args("id", 123, "updates", args("name", "Seed")),
                                args("id", true, "updates", args("name", "Boolean")),
                                args("id", ann, "updates", args("name", "Ann")))));
        assertEquals(1, answer.getInteger("accepted_count"));
        assertEquals(
                List.of(Map.of("id", "123")), answer.getJsonArray("not_found").getList());
        assertEquals(1, answer.getJsonArray("invalid").getJsonObject(0).getInteger("index"));
        mcp.when()
                .toolsList(page -> {
                    JsonObject id = page.findByName("bulk_update_contacts")
                            .inputSchema()
                            .getJsonObject("properties")
                            .getJsonObject("contacts")
                            .getJsonObject("items")
                            .getJsonObject("properties")
                            .getJsonObject("id");
                    assertFalse(
                            "object".equals(id.getValue("type")),
                            () -> "an id is a string or a number, not an object: " + id);
                })
                .thenAssertResults();
    }

    @Test
    void bulkUpdateRefusesMalformedRequestsWhole() {
        McpStreamableTestClient mcp = client(tenant);
        String id = contact(tenant, "{\"username\": \"ann\"}");
        assertMentions(
                calls.error(
                        mcp,
                        "bulk_update_contacts",
                        args(
                                "contacts",
                                List.of(args(
                                        "id", id, "username", "ann", "updates", args("name", "Two identifiers"))))),
                "contacts[0]",
                "exactly one");
        List<Object> tooMany = IntStream.range(0, 1001)
                .mapToObj(i -> (Object) args("email", i + "@example.com", "updates", args("name", "N")))
                .toList();
        assertMentions(calls.error(mcp, "bulk_update_contacts", args("contacts", tooMany)), "1000");
        assertMentions(
                calls.error(
                        mcp,
                        "bulk_update_contacts",
                        args("contacts", List.of(args("id", id, "updates", args("status", "vip"))))),
                "contacts");
        assertMentions(calls.error(mcp, "bulk_update_contacts", Map.of()), "contacts");
        assertEquals(
                0,
                calls.ok(mcp, "list_batch_tasks", Map.of())
                        .getJsonArray("batch_tasks")
                        .size(),
                "no task was queued");
    }

    @Test
    void taskToolsRefuseInvalidInput() {
        McpStreamableTestClient mcp = client(tenant);
        assertMentions(calls.error(mcp, "list_batch_tasks", args("status", "done")), "status");
        assertMentions(calls.error(mcp, "list_batch_tasks", args("page_token", "tampered")), "page");
        assertMentions(calls.error(mcp, "list_batch_tasks", args("page_size", 0)), "page_size");
        assertMentions(calls.error(mcp, "get_batch_task", args("id", "task_01HV8Z92S0R7M4E5P6Q8T1A2B3")), "Not Found");
        assertMentions(calls.error(mcp, "get_batch_task", Map.of()), "id");
        assertMentions(
                calls.error(mcp, "get_import_status", args("id", "import_01HV8Z92S0R7M4E5P6Q8T1A2B3")), "Not Found");
        assertMentions(calls.error(mcp, "get_import_status", Map.of()), "id");
    }

    @Test
    void readsAnImportsStatus() {
        McpStreamableTestClient mcp = client(tenant);
        String importId = as(tenant)
                .contentType(ContentType.MULTIPART)
                .multiPart(
                        "file",
                        "contacts.csv",
                        "email,name\nann@example.com,Ann\nnot-an-email,Bob\n".getBytes(),
                        "text/csv")
                .post("/v1/contacts/import")
                .then()
                .statusCode(202)
                .extract()
                .path("importId");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonObject status = calls.ok(mcp, "get_import_status", args("id", importId));
        while (!status.getString("status").equals("completed") && Instant.now().isBefore(deadline)) {
            status = calls.ok(mcp, "get_import_status", args("id", importId));
        }
        assertEquals("completed", status.getString("status"));
        assertEquals(2, status.getInteger("total_rows"));
        assertEquals(1, status.getInteger("success_count"));
        assertEquals(3, status.getJsonArray("errors").getJsonObject(0).getInteger("row"));
        assertEquals("email", status.getJsonArray("errors").getJsonObject(0).getString("column"));

        String bulkTask = calls.ok(mcp, "list_batch_tasks", args("task_type", "import"))
                .getJsonArray("batch_tasks")
                .getJsonObject(0)
                .getString("id");
        assertEquals(importId, bulkTask, "the import is a batch task too");
    }

    @Test
    void searchesReadsAndSetsContactValues() {
        McpStreamableTestClient mcp = client(tenant);
        calls.ok(mcp, "create_contact_property", args("title", "Score", "property_type", "number"));
        calls.ok(mcp, "create_contact_property", args("title", "City", "property_type", "text"));
        String high = contact(tenant, "{\"name\": \"High\", \"customFields\": {\"score\": 90, \"city\": \"Gdansk\"}}");
        contact(tenant, "{\"name\": \"Low\", \"customFields\": {\"score\": 10, \"city\": \"Gdansk\"}}");
        contact(tenant, "{\"name\": \"Elsewhere\", \"customFields\": {\"score\": 95, \"city\": \"Oslo\"}}");

        JsonObject page = calls.ok(
                mcp, "search_contacts", args("custom_fields", args("city", "Gdansk", "score", args("gte", 50))));
        assertEquals(
                List.of(high),
                page.getJsonArray("contacts").stream()
                        .map(c -> ((JsonObject) c).getString("id"))
                        .toList());
        JsonObject first =
                calls.ok(mcp, "search_contacts", args("page_size", 2, "order_by", "name", "order_direction", "asc"));
        assertEquals(
                "Elsewhere", first.getJsonArray("contacts").getJsonObject(0).getString("name"));
        JsonObject second = calls.ok(
                mcp,
                "search_contacts",
                args(
                        "page_size",
                        2,
                        "order_by",
                        "name",
                        "order_direction",
                        "asc",
                        "page_token",
                        first.getString("next_page_token")));
        assertEquals("Low", second.getJsonArray("contacts").getJsonObject(0).getString("name"));

        JsonObject set =
                calls.ok(mcp, "set_contact_property_value", args("id", high, "slug", "Score", "value", "42.5"));
        assertEquals(42.5, set.getJsonObject("custom_fields").getDouble("score"));
        JsonObject cleared = calls.ok(mcp, "set_contact_property_value", args("id", high, "slug", "city", "value", ""));
        assertFalse(cleared.getJsonObject("custom_fields").containsKey("city"));
        assertEquals(
                42.5,
                calls.ok(mcp, "get_contact", args("id", high))
                        .getJsonObject("custom_fields")
                        .getDouble("score"));
    }

    @Test
    void contactToolsRefuseInvalidInput() {
        McpStreamableTestClient mcp = client(tenant);
        calls.ok(mcp, "create_contact_property", args("title", "Score", "property_type", "number"));
        String id = contact(tenant, "{\"name\": \"Ann\", \"customFields\": {\"score\": 1}}");

        assertMentions(
                calls.error(mcp, "search_contacts", args("custom_fields", args("unknown_property", "x"))),
                "unknown_property");
        assertMentions(
                calls.error(mcp, "search_contacts", args("created_after", "yesterday")), "created_after", "RFC 3339");
        assertMentions(calls.error(mcp, "search_contacts", args("page_size", 1000)), "page_size");
        assertMentions(calls.error(mcp, "search_contacts", args("search", "a\u0000b")), "NUL character");

        assertMentions(calls.error(mcp, "get_contact", args("id", "con_01HV8Y5R5RFMS0TFK6PKF9H2S8")), "Not Found");
        assertMentions(calls.error(mcp, "get_contact", args("id", "42")), "42");

        assertMentions(
                calls.error(mcp, "set_contact_property_value", args("id", id, "slug", "score", "value", "abc")),
                "Score",
                "not a number");
        assertMentions(
                calls.error(mcp, "set_contact_property_value", args("id", id, "slug", "nope", "value", "1")), "nope");
        assertMentions(
                calls.error(
                        mcp,
                        "set_contact_property_value",
                        args("id", "con_01HV8Y5R5RFMS0TFK6PKF9H2S8", "slug", "score", "value", 1)),
                "Not Found");
        assertMentions(
                calls.error(mcp, "set_contact_property_value", args("id", id, "slug", "score", "value", "1\u0000")),
                "NUL character");
        assertEquals(
                1,
                calls.ok(mcp, "get_contact", args("id", id))
                        .getJsonObject("custom_fields")
                        .getInteger("score"),
                "unchanged");
    }

    @Test
    void eachToolRequiresTheScopeOfItsRestOperation() {
        Map<String, String> scopes = Map.ofEntries(
                Map.entry("list_contact_properties", "custom_field:list"),
                Map.entry("create_contact_property", "custom_field:create"),
                Map.entry("update_contact_property", "custom_field:update"),
                Map.entry("delete_contact_property", "custom_field:delete"),
                Map.entry("bulk_update_contacts", "contact:update"),
                Map.entry("list_batch_tasks", "contact:list"),
                Map.entry("get_batch_task", "contact:list"),
                Map.entry("search_contacts", "contact:list"),
                Map.entry("get_contact", "contact:read"),
                Map.entry("set_contact_property_value", "contact:update"),
                Map.entry("get_import_status", "contact:list"),
                Map.entry("count_contacts", "contact:list"),
                Map.entry("create_contact", "contact:create"),
                Map.entry("update_contact", "contact:update"),
                Map.entry("archive_contact", "contact:update"),
                Map.entry("unarchive_contact", "contact:update"),
                Map.entry("list_tags", "tag:list"),
                Map.entry("create_tag", "tag:create"),
                Map.entry("tag_contact", "contact:update"),
                Map.entry("untag_contact", "contact:update"),
                Map.entry("list_folders", "contact:list"),
                Map.entry("create_folder", "contact:update"),
                Map.entry("cancel_batch_task", "contact:update"),
                Map.entry("get_contact_property", "custom_field:list"),
                Map.entry("list_recent_changes", "event:read"));
        Map<String, Map<String, Object>> argsOf = Map.of(
                "create_contact_property",
                args("title", "T"),
                "update_contact_property",
                args("slug", "t"),
                "delete_contact_property",
                args("slug", "t"),
                "bulk_update_contacts",
                args("contacts", List.of()),
                "get_batch_task",
                args("id", "x"),
                "get_contact",
                args("id", "x"),
                "set_contact_property_value",
                args("id", "x", "slug", "t"),
                "get_import_status",
                args("id", "x"));
        Map<String, Map<String, Object>> moreArgs = Map.of(
                "update_contact",
                args("id", "x"),
                "archive_contact",
                args("id", "x"),
                "unarchive_contact",
                args("id", "x"),
                "create_tag",
                args("name", "T"),
                "tag_contact",
                args("contact_id", "x", "tag_id", "y"),
                "untag_contact",
                args("contact_id", "x", "tag_id", "y"),
                "create_folder",
                args("name", "F"),
                "cancel_batch_task",
                args("id", "x"),
                "get_contact_property",
                args("slug", "t"));
        Map<String, Map<String, Object>> allArgs = new HashMap<>(argsOf);
        allArgs.putAll(moreArgs);
        scopes.forEach((tool, scope) -> {
            List<String> others = new ArrayList<>(DevToken.ALL_SCOPES);
            others.remove(scope);
            assertMentions(
                    calls.error(
                            client(tenant, others.toArray(String[]::new)), tool, allArgs.getOrDefault(tool, Map.of())),
                    "Forbidden",
                    scope);
        });
    }

    @Test
    void refusesRequestsWithoutAValidTokenAtTheHttpLevel() {
        String initialize =
                "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"initialize\", \"params\": {\"protocolVersion\": \"2025-06-18\","
                        + " \"capabilities\": {}, \"clientInfo\": {\"name\": \"test\", \"version\": \"1\"}}}";
        given().contentType(ContentType.JSON)
                .accept("application/json, text/event-stream")
                .body(initialize)
                .post("/mcp")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2("not.a.token")
                .contentType(ContentType.JSON)
                .accept("application/json, text/event-stream")
                .body(initialize)
                .post("/mcp")
                .then()
                .statusCode(401);
        McpAssured.newStreamableClient()
                .setBaseUri(base)
                .setExpectConnectFailure(failure -> assertEquals(401, failure.statusCode()))
                .build()
                .connect();
    }

    @Test
    void tenantsNeverMeet() {
        String other = newTenant();
        McpStreamableTestClient mine = client(tenant);
        McpStreamableTestClient theirs = client(other);
        calls.ok(mine, "create_contact_property", args("title", "Secret", "property_type", "text"));
        String id = contact(tenant, "{\"name\": \"Mine\", \"customFields\": {\"secret\": \"s3\"}}");
        String task = calls.ok(
                        mine,
                        "bulk_update_contacts",
                        args("contacts", List.of(args("id", id, "updates", args("name", "Still mine")))))
                .getString("batch_task_id");

        assertMentions(calls.error(theirs, "get_contact", args("id", id)), "Not Found");
        assertMentions(calls.error(theirs, "get_batch_task", args("id", task)), "Not Found");
        assertMentions(
                calls.error(theirs, "update_contact_property", args("slug", "secret", "title", "Mine now")),
                "Not Found");
        assertMentions(
                calls.error(
                        theirs,
                        "set_contact_property_value",
                        args("id", id, "slug", "email", "value", "x@example.com")),
                "Not Found");
        assertEquals(
                0,
                calls.ok(theirs, "search_contacts", Map.of())
                        .getJsonArray("contacts")
                        .size());
        assertEquals(
                0,
                calls.ok(theirs, "list_batch_tasks", Map.of())
                        .getJsonArray("batch_tasks")
                        .size());
        assertEquals(
                2,
                calls.ok(theirs, "list_contact_properties", Map.of())
                        .getJsonArray("contact_properties")
                        .size());
        JsonObject answer = calls.ok(
                theirs,
                "bulk_update_contacts",
                args("contacts", List.of(args("id", id, "updates", args("name", "Theirs")))));
        assertEquals(1, answer.getInteger("not_found_count"));
        calls.awaitTask(mine, task);
        assertEquals("Still mine", calls.ok(mine, "get_contact", args("id", id)).getString("name"));
    }

    @Test
    void offersThePropertiesAndTheTypeRulesAsResources() {
        McpStreamableTestClient mcp = client(tenant);
        calls.ok(mcp, "create_contact_property", args("title", "Plan", "property_type", "text"));
        mcp.when()
                .resourcesList(page -> {
                    assertEquals(
                            "application/json",
                            page.findByUri("contacts://properties").mimeType());
                    assertEquals(
                            "text/markdown",
                            page.findByUri("contacts://type-rules").mimeType());
                })
                .resourcesRead("contacts://properties", r -> {
                    assertEquals(
                            "application/json", r.contents().get(0).asText().mimeType());
                    JsonArray properties =
                            new JsonObject(r.contents().get(0).asText().text()).getJsonArray("contact_properties");
                    assertEquals("plan", properties.getJsonObject(2).getString("slug"));
                })
                .resourcesRead(
                        "contacts://type-rules",
                        r -> assertMentions(r.contents().get(0).asText().text(), "single_choice", "E.164"))
                .thenAssertResults();
    }
}
