package com.contactproperties.api.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contactproperties.platform.dev.DevToken;
import com.contactproperties.support.Tokens;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tool calls of the MCP tests, through the extension's client: every result is checked against the
 * tool's declared output schema, and the tools that answered without error are remembered.
 */
final class McpCalls {

    private final Set<String> succeeded = new HashSet<>();

    /** A connected client of the tenant with the given scopes (every scope when none given). */
    static McpStreamableTestClient client(URI base, String tenant, String... scopes) {
        String token = Tokens.token(tenant, scopes.length == 0 ? DevToken.ALL_SCOPES.toArray(String[]::new) : scopes);
        return McpAssured.newStreamableClient()
                .setBaseUri(base)
                .setAdditionalHeaders(
                        message -> MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token))
                .build()
                .connect();
    }

    /** Calls a tool and answers its result. */
    ToolResponse call(McpStreamableTestClient mcp, String tool, Map<String, Object> args) {
        AtomicReference<ToolResponse> result = new AtomicReference<>();
        mcp.when().toolsCall(tool, args, result::set).thenAssertResults();
        OutputSchemaCheck.check(mcp, tool, result.get());
        if (!result.get().isError()) {
            succeeded.add(tool);
        }
        return result.get();
    }

    /** Calls a tool that must succeed and answers its structured result. */
    JsonObject ok(McpStreamableTestClient mcp, String tool, Map<String, Object> args) {
        ToolResponse response = call(mcp, tool, args);
        assertFalse(response.isError(), () -> tool + " failed: " + text(response));
        return JsonObject.mapFrom(response.structuredContent());
    }

    /** Calls a tool that must fail and answers the error text an agent reads. */
    String error(McpStreamableTestClient mcp, String tool, Map<String, Object> args) {
        ToolResponse response = call(mcp, tool, args);
        assertTrue(response.isError(), () -> tool + " should have failed but answered " + response);
        return text(response);
    }

    /** Follows a task with get_batch_task until it ends, and answers it. */
    JsonObject awaitTask(McpStreamableTestClient mcp, String id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonObject task = ok(mcp, "get_batch_task", args("id", id));
            if (!List.of("pending", "processing").contains(task.getString("status"))) {
                return task;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("task " + id + " did not end in time");
    }

    /** The tools that answered without error so far. */
    Set<String> succeeded() {
        return succeeded;
    }

    static String text(ToolResponse response) {
        return response.content().isEmpty()
                ? ""
                : ((TextContent) response.content().get(0)).text();
    }

    static void assertMentions(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "expected '" + part + "' in: " + text);
        }
    }

    /** Tool arguments from name-value pairs. */
    static Map<String, Object> args(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** Asserts that the task ended completed. */
    static void assertCompleted(JsonObject task) {
        assertEquals("completed", task.getString("status"), task::encode);
    }
}
