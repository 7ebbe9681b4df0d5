package com.contactproperties.api.mcp;

import static com.contactproperties.api.mcp.McpCalls.args;
import static com.contactproperties.api.mcp.McpCalls.assertMentions;
import static com.contactproperties.api.mcp.McpCalls.text;
import static com.contactproperties.support.Tokens.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkiverse.mcp.server.test.McpAssured.ToolAnnotations;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The MCP contract of issue 21 as a client sees it: every tool's result matches its output schema
 * (for a contact holding all ten value types, identities and tags), honest annotations and titles,
 * the confirm step of destructive tools, errors that teach, and seed 001's folder request done with
 * tools alone.
 */
@QuarkusTest
class McpContractTest {

    private static final Set<String> READ_ONLY = Set.of(
            "list_contact_properties",
            "get_contact_property",
            "search_contacts",
            "count_contacts",
            "get_contact",
            "list_batch_tasks",
            "get_batch_task",
            "get_import_status",
            "list_tags",
            "list_folders",
            "list_recent_changes");
    private static final Set<String> DESTRUCTIVE = Set.of(
            "delete_contact_property",
            "update_contact_property",
            "bulk_update_contacts",
            "update_contact",
            "set_contact_property_value",
            "untag_contact");

    @TestHTTPResource
    URI base;

    private final String tenant = newTenant();
    private final McpCalls calls = new McpCalls();

    private McpStreamableTestClient client(String... scopes) {
        return McpCalls.client(base, tenant, scopes);
    }

    @Test
    void everyToolHasATitleAndHonestAnnotations() {
        client().when()
                .toolsList(page -> {
                    assertEquals(McpToolsTest.TOOLS.size(), page.tools().size());
                    page.tools().forEach(tool -> {
                        assertNotNull(tool.title(), tool.name() + " has a title");
                        assertFalse(tool.title().isBlank(), tool.name() + " has a title");
                        ToolAnnotations hints = tool.annotations()
                                .orElseThrow(() -> new AssertionError(tool.name() + " has annotations"));
                        boolean readOnly = READ_ONLY.contains(tool.name());
                        assertEquals(readOnly, hints.readOnlyHint(), tool.name() + " readOnlyHint");
                        assertEquals(
                                DESTRUCTIVE.contains(tool.name()),
                                hints.destructiveHint(),
                                tool.name() + " destructiveHint");
                        assertFalse(hints.openWorldHint(), tool.name() + " acts on this service only");
                        if (readOnly) {
                            assertTrue(hints.idempotentHint(), tool.name() + " idempotentHint");
                        }
                        assertNotNull(tool.outputSchema(), tool.name() + " declares an output schema");
                        assertMentions(tool.description(), "scope");
                    });
                })
                .thenAssertResults();
    }

    /** Creates one property of each of the ten types and answers their slugs. */
    private void createAllTypes(McpStreamableTestClient mcp) {
        Map<String, String> types = Map.of(
                "Note",
                "text",
                "Score",
                "number",
                "Renewal",
                "date",
                "Backup Email",
                "email",
                "Office Phone",
                "phone",
                "Website",
                "url",
                "Vip",
                "boolean",
                "Interests",
                "list");
        types.forEach(
                (title, type) -> calls.ok(mcp, "create_contact_property", args("title", title, "property_type", type)));
        calls.ok(
                mcp,
                "create_contact_property",
                args("title", "Plan", "property_type", "single_choice", "choices", List.of("Free", "Pro")));
        calls.ok(
                mcp,
                "create_contact_property",
                args(
                        "title",
                        "Channels Used",
                        "property_type",
                        "multiple_choice",
                        "choices",
                        List.of("Chat", "Mail"),
                        "agent_active",
                        true));
    }

    private static Map<String, Object> allTypeValues() {
        return args(
                "note",
                "Met at the fair",
                "score",
                42.5,
                "renewal",
                "2026-12-01",
                "backup-email",
                "ann@backup.example.com",
                "office-phone",
                "+48601234567",
                "website",
                "https://ann.example.com",
                "vip",
                true,
                "interests",
                List.of("golf", "jazz"),
                "plan",
                "Pro",
                "channels-used",
                List.of("Chat", "Mail"));
    }

    @Test
    void everyToolAnswersWhatItsOutputSchemaDeclares() {
        McpStreamableTestClient mcp = client();
        createAllTypes(mcp);
        String tag = calls.ok(mcp, "create_tag", args("name", "Hot")).getString("id");
        JsonObject ann = calls.ok(
                mcp,
                "create_contact",
                args(
                        "name",
                        "Ann",
                        "email",
                        "ann@example.com",
                        "tag_ids",
                        List.of(tag),
                        "identities",
                        List.of(args("channel", "whatsapp", "metadata", args("phoneNumber", "+48601234567"))),
                        "custom_fields",
                        allTypeValues()));
        String id = ann.getString("id");
        assertEquals(10, ann.getJsonObject("custom_fields").size(), "a value of every type: " + ann);
        assertEquals(1, ann.getJsonArray("identities").size());
        assertEquals(List.of(tag), ann.getJsonArray("tag_ids").getList());

        assertEquals(id, calls.ok(mcp, "get_contact", args("id", id)).getString("id"));
        assertEquals(
                1,
                calls.ok(mcp, "search_contacts", args("email_domain", "EXAMPLE.com"))
                        .getJsonArray("contacts")
                        .size());
        assertEquals(
                1L,
                calls.ok(mcp, "count_contacts", args("tag_ids", List.of(tag))).getLong("total"));
        calls.ok(mcp, "set_contact_property_value", args("id", id, "slug", "score", "value", 7));
        assertEquals(
                "Ann B",
                calls.ok(mcp, "update_contact", args("id", id, "name", "Ann B", "custom_fields", args("note", null)))
                        .getString("name"));
        assertEquals(
                List.of(),
                calls.ok(mcp, "untag_contact", args("contact_id", id, "tag_id", tag))
                        .getJsonArray("tag_ids")
                        .getList());
        assertEquals(
                List.of(tag),
                calls.ok(mcp, "tag_contact", args("contact_id", id, "tag_id", tag))
                        .getJsonArray("tag_ids")
                        .getList());
        assertNotNull(calls.ok(mcp, "archive_contact", args("id", id)).getString("archived_at"));
        assertEquals(null, calls.ok(mcp, "unarchive_contact", args("id", id)).getString("archived_at"));
        assertEquals(
                "Hot",
                calls.ok(mcp, "list_tags", Map.of())
                        .getJsonArray("tags")
                        .getJsonObject(0)
                        .getString("name"));
        long folder =
                calls.ok(mcp, "create_folder", args("name", "March Leads")).getLong("id");
        assertEquals(
                folder,
                calls.ok(mcp, "list_folders", Map.of())
                        .getJsonArray("folders")
                        .getJsonObject(0)
                        .getLong("id"));
        assertEquals(
                "multiple_choice",
                calls.ok(mcp, "get_contact_property", args("slug", "Channels Used"))
                        .getJsonObject("contact_property")
                        .getString("property_type"));
        assertEquals(
                1,
                calls.ok(mcp, "list_contact_properties", args("agent_active", true))
                        .getJsonArray("contact_properties")
                        .size());
        calls.ok(mcp, "update_contact_property", args("slug", "note", "description", "Free text"));
        String task = calls.ok(
                        mcp,
                        "bulk_update_contacts",
                        args("contacts", List.of(args("id", id, "updates", args("folder_ids", List.of(folder))))))
                .getString("batch_task_id");
        calls.ok(mcp, "list_batch_tasks", Map.of());
        calls.ok(mcp, "get_batch_task", args("id", task));
        calls.ok(mcp, "delete_contact_property", args("slug", "website"));
        calls.ok(mcp, "delete_contact_property", args("slug", "website", "confirm", true));
        // An import long enough to be cancelled before it ends.
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append("bulk").append(i).append("@example.com,N").append(i).append('\n');
        }
        String importId = com.contactproperties.support.Requests.as(tenant)
                .contentType(io.restassured.http.ContentType.MULTIPART)
                .multiPart("file", "contacts.csv", csv.toString().getBytes(), "text/csv")
                .post("/v1/contacts/import")
                .then()
                .statusCode(202)
                .extract()
                .path("importId");
        assertEquals(
                importId,
                calls.ok(mcp, "cancel_batch_task", args("id", importId)).getString("id"));
        calls.ok(mcp, "get_import_status", args("id", importId));
        calls.ok(mcp, "create_contact_property", args("title", "Spare"));
        calls.ok(mcp, "list_recent_changes", args("object_id", id));
        assertEquals(
                new HashSet<>(McpToolsTest.TOOLS), calls.succeeded(), "every tool was called and its result validated");
    }

    @Test
    void deletingAPropertyAnswersWhatItWouldRemoveAndActsOnlyOnConfirm() {
        McpStreamableTestClient mcp = client();
        calls.ok(
                mcp,
                "create_contact_property",
                args("title", "Plan", "property_type", "single_choice", "choices", List.of("Free", "Pro")));
        calls.ok(mcp, "create_contact", args("name", "A", "custom_fields", args("plan", "Pro")));
        calls.ok(mcp, "create_contact", args("name", "B", "custom_fields", args("plan", "Free")));
        calls.ok(mcp, "create_contact", args("name", "C"));

        JsonObject asked = calls.ok(mcp, "delete_contact_property", args("slug", "plan"));
        assertFalse(asked.getBoolean("deleted"));
        assertTrue(asked.getBoolean("confirmation_required"));
        assertEquals(2, asked.getInteger("values_count"));
        assertEquals(2, asked.getJsonArray("samples").size());
        assertMentions(asked.getString("message"), "confirm: true");
        assertEquals(
                1L,
                calls.ok(mcp, "count_contacts", args("custom_fields", args("plan", "Pro")))
                        .getLong("total"),
                "nothing removed");

        JsonObject done = calls.ok(mcp, "delete_contact_property", args("slug", "plan", "confirm", true));
        assertTrue(done.getBoolean("deleted"));
        assertMentions(calls.error(mcp, "get_contact_property", args("slug", "plan")), "Not Found");
    }

    @Test
    void aRetypeThatClearsValuesAsksFirstWhileOneThatClearsNothingActsAtOnce() {
        McpStreamableTestClient mcp = client();
        calls.ok(mcp, "create_contact_property", args("title", "Score", "property_type", "text"));
        calls.ok(mcp, "create_contact", args("custom_fields", args("score", "12")));
        calls.ok(mcp, "create_contact", args("custom_fields", args("score", "high")));

        JsonObject asked = calls.ok(mcp, "update_contact_property", args("slug", "score", "property_type", "number"));
        assertTrue(asked.getBoolean("confirmation_required"));
        assertEquals(1, asked.getJsonObject("dry_run").getInteger("would_clear"));
        assertEquals(
                "text",
                calls.ok(mcp, "get_contact_property", args("slug", "score"))
                        .getJsonObject("contact_property")
                        .getString("property_type"));
        JsonObject retyped = calls.ok(
                mcp, "update_contact_property", args("slug", "score", "property_type", "number", "confirm", true));
        assertNotNull(retyped.getString("retype_task_id"));
        assertEquals("number", retyped.getJsonObject("contact_property").getString("property_type"));

        calls.ok(mcp, "create_contact_property", args("title", "Code", "property_type", "number"));
        calls.ok(mcp, "create_contact", args("custom_fields", args("code", 7)));
        JsonObject atOnce = calls.ok(mcp, "update_contact_property", args("slug", "code", "property_type", "text"));
        assertFalse(atOnce.containsKey("confirmation_required"), "nothing to clear: no confirmation asked");
        assertEquals("text", atOnce.getJsonObject("contact_property").getString("property_type"));
    }

    @Test
    void errorsNameTheArgumentAndWhatItAllows() {
        McpStreamableTestClient mcp = client();
        assertMentions(
                calls.error(mcp, "create_contact_property", args("title", "Score", "property_type", "decimal")),
                "property_type",
                "single_choice",
                "multiple_choice");
        assertMentions(
                calls.error(mcp, "search_contacts", args("order_by", "createdAt")),
                "order_by",
                "created_at",
                "updated_at");
        assertMentions(calls.error(mcp, "search_contacts", args("page_size", "ten")), "page_size", "integer");
        assertMentions(
                calls.error(mcp, "search_contacts", args("pageSize", 10)), "Unknown argument 'pageSize'", "page_size");
        String huge = "x".repeat(1_000_000);
        String refused = calls.error(mcp, "get_contact", args("id", huge));
        assertTrue(
                refused.length() < 1_000,
                () -> "a huge value is not echoed back whole: " + refused.length() + " characters");
    }

    @Test
    void readingAResourceWithoutItsScopeIsAnMcpErrorNamingTheScope() {
        McpStreamableTestClient mcp = client("contact:list");
        mcp.when()
                .resourcesRead("contacts://properties")
                .withErrorAssert(error -> {
                    assertEquals(-32001, error.code());
                    assertMentions(error.message(), "custom_field:list");
                })
                .send()
                .thenAssertResults();
    }

    @Test
    void servesTheFillPromptFromTheLiveAgentActiveProperties() {
        McpStreamableTestClient mcp = client();
        calls.ok(
                mcp,
                "create_contact_property",
                args(
                        "title",
                        "Budget",
                        "property_type",
                        "number",
                        "agent_active",
                        true,
                        "description",
                        "Monthly budget in EUR"));
        calls.ok(
                mcp,
                "create_contact_property",
                args(
                        "title",
                        "Plan",
                        "property_type",
                        "single_choice",
                        "choices",
                        List.of("Free", "Pro"),
                        "agent_active",
                        true));
        calls.ok(mcp, "create_contact_property", args("title", "Internal Note", "property_type", "text"));
        mcp.when()
                .promptsList(page -> assertNotNull(page.findByName("fill_contact_properties")))
                .promptsGet("fill_contact_properties", prompt -> {
                    String text = ((TextContent) prompt.messages().get(0).content()).text();
                    assertMentions(
                            text,
                            "Budget (slug: budget, type: number): Monthly budget in EUR",
                            "Plan (slug: plan, type: single_choice, one of: Free, Pro)",
                            "set_contact_property_value");
                    assertFalse(text.contains("Internal Note"), "only agent-active properties");
                })
                .thenAssertResults();
    }

    @Test
    void movesAFolderIntoAnotherWithToolsAlone() {
        McpStreamableTestClient mcp = client();
        long march = calls.ok(mcp, "create_folder", args("name", "March Leads")).getLong("id");
        long hot = calls.ok(mcp, "create_folder", args("name", "Hot Prospects")).getLong("id");
        long vip = calls.ok(mcp, "create_folder", args("name", "VIP")).getLong("id");
        String a =
                calls.ok(mcp, "create_contact", args("email", "a@example.com")).getString("id");
        String b =
                calls.ok(mcp, "create_contact", args("email", "b@example.com")).getString("id");
        String outside =
                calls.ok(mcp, "create_contact", args("email", "c@example.com")).getString("id");
        McpCalls.assertCompleted(calls.awaitTask(
                mcp,
                calls.ok(
                                mcp,
                                "bulk_update_contacts",
                                args(
                                        "contacts",
                                        List.of(
                                                args("id", a, "updates", args("folder_ids", List.of(march, vip))),
                                                args("id", b, "updates", args("folder_ids", List.of(march))),
                                                args("id", outside, "updates", args("folder_ids", List.of(vip))))))
                        .getString("batch_task_id")));

        // "Add my 'March Leads' folder to 'Hot Prospects'": find the folders, then the contacts, then add without
        // removing.
        JsonArray folders = calls.ok(mcp, "list_folders", Map.of()).getJsonArray("folders");
        long from = folders.stream()
                .map(f -> (JsonObject) f)
                .filter(f -> f.getString("name").equals("March Leads"))
                .findFirst()
                .orElseThrow()
                .getLong("id");
        JsonArray members = calls.ok(mcp, "search_contacts", args("folder_ids", List.of(from)))
                .getJsonArray("contacts");
        assertEquals(2, members.size());
        List<Object> entries = members.stream()
                .map(c -> (JsonObject) c)
                .map(c -> (Object) args(
                        "id",
                        c.getString("id"),
                        "updates",
                        args("folder_ids", with(c.getJsonArray("folder_ids"), hot))))
                .toList();
        McpCalls.assertCompleted(calls.awaitTask(
                mcp,
                calls.ok(mcp, "bulk_update_contacts", args("contacts", entries)).getString("batch_task_id")));

        assertEquals(
                List.of(march, vip, hot),
                longs(calls.ok(mcp, "get_contact", args("id", a)).getJsonArray("folder_ids")));
        assertEquals(
                List.of(march, hot),
                longs(calls.ok(mcp, "get_contact", args("id", b)).getJsonArray("folder_ids")));
        assertEquals(
                List.of(vip),
                longs(calls.ok(mcp, "get_contact", args("id", outside)).getJsonArray("folder_ids")));
        assertEquals(
                2L,
                calls.ok(mcp, "count_contacts", args("folder_ids", List.of(hot)))
                        .getLong("total"));
    }

    private static List<Long> with(JsonArray folderIds, long folder) {
        List<Long> ids = new java.util.ArrayList<>(longs(folderIds));
        ids.add(folder);
        return ids;
    }

    private static List<Long> longs(JsonArray array) {
        return array.stream().map(n -> ((Number) n).longValue()).toList();
    }
}
