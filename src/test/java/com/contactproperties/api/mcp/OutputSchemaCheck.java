package com.contactproperties.api.mcp;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkiverse.mcp.server.test.McpAssured.ToolInfo;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a tool's structured result as the official MCP SDK clients do (the TypeScript SDK refuses
 * a result that does not match the tool's outputSchema, and one without structuredContent when the
 * tool declares a schema): every successful result the MCP tests receive goes through here.
 */
final class OutputSchemaCheck {

    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private OutputSchemaCheck() {}

    /** Asserts that a successful result matches the declared output schema of its tool. */
    static void check(McpStreamableTestClient mcp, String tool, ToolResponse response) {
        if (response.isError()) {
            return;
        }
        if (SCHEMAS.isEmpty()) {
            mcp.when()
                    .toolsList(page -> page.tools().forEach(OutputSchemaCheck::remember))
                    .thenAssertResults();
        }
        Schema schema = SCHEMAS.get(tool);
        assertNotNull(schema, () -> tool + " declares an output schema");
        assertNotNull(response.structuredContent(), () -> tool + " answered without structuredContent");
        String json = JsonObject.mapFrom(response.structuredContent()).encode();
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        assertTrue(
                errors.isEmpty(),
                () -> tool + "'s result does not match its output schema: " + errors + "\nresult: " + json);
    }

    private static void remember(ToolInfo tool) {
        if (tool.outputSchema() != null) {
            SCHEMAS.put(tool.name(), REGISTRY.getSchema(tool.outputSchema().encode()));
        }
    }
}
